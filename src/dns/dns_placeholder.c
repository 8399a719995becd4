/* Replaced by the ldns resolver. */
extern int dns_placeholder;
int dns_placeholder;
