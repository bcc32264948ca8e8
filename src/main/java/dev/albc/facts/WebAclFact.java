package dev.albc.facts;

/**
 * A WAFv2 web ACL of the REGIONAL scope ({@code aws wafv2 list-web-acls --scope REGIONAL}): what
 * {@code wafv2-acl-name} resolves to an ARN by name.
 */
public record WebAclFact(String name, String id, String arn) {}
