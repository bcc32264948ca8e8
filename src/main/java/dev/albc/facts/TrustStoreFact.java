package dev.albc.facts;

/**
 * An ELBv2 trust store looked up by name for {@code mutual-authentication} (docs/annotations.md,
 * mutual TLS): live runs ask {@code DescribeTrustStores} for each name the Ingresses give, offline
 * runs read an {@code aws elbv2 describe-trust-stores} dump. {@code arn} is null when the account has
 * no trust store of that name (looked up, not found); no fact at all means nobody looked.
 */
public record TrustStoreFact(String name, String arn) {}
