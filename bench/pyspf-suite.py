"""pyspf-suite.py TESTSPF_DIR SUITE_YML REPEATS — times pyspf's own test
runner (testspf.py from python3-spf's documentation, which the bench script
unpacks into TESTSPF_DIR) over SUITE_YML. Loading the YAML is not timed;
each repeat builds the suite anew and times only running it.
Prints: TESTS FAILED MEDIAN_SECONDS (one line)."""
import io
import statistics
import sys
import time
import unittest

testspf_dir, suite_yml, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, testspf_dir)
import testspf  # noqa: E402  (pyspf's runner, with its fake DNS)

times = []
tests = failed = 0
for _ in range(repeats):
    suite = testspf.makeSuite(suite_yml)
    start = time.perf_counter()
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    times.append(time.perf_counter() - start)
    tests = result.testsRun
    failed = len(result.failures) + len(result.errors)
print(tests, failed, "%.6f" % statistics.median(times))
