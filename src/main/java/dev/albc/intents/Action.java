package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An ELBv2 Action with the API's member names: forward, redirect, fixed-response, and the actions
 * that go before them on HTTPS listeners: authenticate-oidc, authenticate-cognito, jwt-validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Type", "Order"})
public record Action(
    @JsonProperty("Type") String type,
    @JsonProperty("Order") Integer order,
    @JsonProperty("TargetGroupArn") Object targetGroupArn,
    @JsonProperty("ForwardConfig") ForwardConfig forwardConfig,
    @JsonProperty("RedirectConfig") RedirectConfig redirectConfig,
    @JsonProperty("FixedResponseConfig") FixedResponseConfig fixedResponseConfig,
    @JsonProperty("AuthenticateOidcConfig") AuthenticateOidcConfig authenticateOidcConfig,
    @JsonProperty("AuthenticateCognitoConfig") AuthenticateCognitoConfig authenticateCognitoConfig,
    @JsonProperty("JwtValidationConfig") JwtValidationConfig jwtValidationConfig) {

  /** A forward, redirect or fixed-response action. */
  public Action(String type, Integer order, Object targetGroupArn, ForwardConfig forwardConfig,
      RedirectConfig redirectConfig, FixedResponseConfig fixedResponseConfig) {
    this(type, order, targetGroupArn, forwardConfig, redirectConfig, fixedResponseConfig, null, null, null);
  }

  public static Action authenticateOidc(AuthenticateOidcConfig c) {
    return new Action("authenticate-oidc", null, null, null, null, null, c, null, null);
  }

  public static Action authenticateCognito(AuthenticateCognitoConfig c) {
    return new Action("authenticate-cognito", null, null, null, null, null, null, c, null);
  }

  public static Action jwtValidation(JwtValidationConfig c) {
    return new Action("jwt-validation", null, null, null, null, null, null, null, c);
  }

  public static Action forward(List<TargetGroupTuple> groups, StickinessConfig stickiness) {
    return new Action("forward", null, null, new ForwardConfig(groups, stickiness), null, null);
  }

  public static Action redirect(RedirectConfig config) {
    return new Action("redirect", null, null, null, config, null);
  }

  public static Action fixedResponse(String contentType, String statusCode, String body) {
    return new Action(
        "fixed-response", null, null, null, null, new FixedResponseConfig(body, statusCode, contentType));
  }

  /** This action with its Order set (the SDK's Order is index + 1). */
  public Action withOrder(int o) {
    return new Action(type, o, targetGroupArn, forwardConfig, redirectConfig, fixedResponseConfig,
        authenticateOidcConfig, authenticateCognitoConfig, jwtValidationConfig);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ForwardConfig(
      @JsonProperty("TargetGroups") List<TargetGroupTuple> targetGroups,
      @JsonProperty("TargetGroupStickinessConfig") StickinessConfig targetGroupStickinessConfig) {}

  /** {@code TargetGroupArn} is a literal ARN or a {@link Ref} to a target group of the plan. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetGroupTuple(
      @JsonProperty("TargetGroupArn") Object targetGroupArn,
      @JsonProperty("Weight") Integer weight) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StickinessConfig(
      @JsonProperty("Enabled") Boolean enabled,
      @JsonProperty("DurationSeconds") Integer durationSeconds) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"Protocol", "Port", "Host", "Path", "Query", "StatusCode"})
  public record RedirectConfig(
      @JsonProperty("Protocol") String protocol,
      @JsonProperty("Port") String port,
      @JsonProperty("Host") String host,
      @JsonProperty("Path") String path,
      @JsonProperty("Query") String query,
      @JsonProperty("StatusCode") String statusCode) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"MessageBody", "StatusCode", "ContentType"})
  public record FixedResponseConfig(
      @JsonProperty("MessageBody") String messageBody,
      @JsonProperty("StatusCode") String statusCode,
      @JsonProperty("ContentType") String contentType) {}

  /** {@code ClientSecret} is a {@link SecretRef}: the plan never holds the value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"Issuer", "AuthorizationEndpoint", "TokenEndpoint", "UserInfoEndpoint", "ClientId",
      "ClientSecret", "AuthenticationRequestExtraParams", "OnUnauthenticatedRequest", "Scope", "SessionCookieName",
      "SessionTimeout"})
  public record AuthenticateOidcConfig(
      @JsonProperty("Issuer") String issuer,
      @JsonProperty("AuthorizationEndpoint") String authorizationEndpoint,
      @JsonProperty("TokenEndpoint") String tokenEndpoint,
      @JsonProperty("UserInfoEndpoint") String userInfoEndpoint,
      @JsonProperty("ClientId") String clientId,
      @JsonProperty("ClientSecret") SecretRef clientSecret,
      @JsonProperty("AuthenticationRequestExtraParams") java.util.Map<String, String> authenticationRequestExtraParams,
      @JsonProperty("OnUnauthenticatedRequest") String onUnauthenticatedRequest,
      @JsonProperty("Scope") String scope,
      @JsonProperty("SessionCookieName") String sessionCookieName,
      @JsonProperty("SessionTimeout") Long sessionTimeout) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"UserPoolArn", "UserPoolClientId", "UserPoolDomain", "AuthenticationRequestExtraParams",
      "OnUnauthenticatedRequest", "Scope", "SessionCookieName", "SessionTimeout"})
  public record AuthenticateCognitoConfig(
      @JsonProperty("UserPoolArn") String userPoolArn,
      @JsonProperty("UserPoolClientId") String userPoolClientId,
      @JsonProperty("UserPoolDomain") String userPoolDomain,
      @JsonProperty("AuthenticationRequestExtraParams") java.util.Map<String, String> authenticationRequestExtraParams,
      @JsonProperty("OnUnauthenticatedRequest") String onUnauthenticatedRequest,
      @JsonProperty("Scope") String scope,
      @JsonProperty("SessionCookieName") String sessionCookieName,
      @JsonProperty("SessionTimeout") Long sessionTimeout) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"JwksEndpoint", "Issuer", "AdditionalClaims"})
  public record JwtValidationConfig(
      @JsonProperty("JwksEndpoint") String jwksEndpoint,
      @JsonProperty("Issuer") String issuer,
      @JsonProperty("AdditionalClaims") List<JwtClaim> additionalClaims) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"Format", "Name", "Values"})
  public record JwtClaim(
      @JsonProperty("Format") String format,
      @JsonProperty("Name") String name,
      @JsonProperty("Values") List<String> values) {}
}
