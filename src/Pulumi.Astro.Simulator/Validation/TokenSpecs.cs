using static Pulumi.Astro.Simulator.Validation.F;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>
/// API token and agent token request types (the model's CreateApiTokenRequest, UpdateApiTokenRequest,
/// UpdateApiTokenRolesRequest and CreateAgentTokenRequest). Astro offers expiry periods up to ten years.
/// </summary>
internal static class TokenSpecs
{
    private static FieldSpec Expiry => Int("tokenExpiryPeriodInDays").Range(1, 3650);

    public static readonly ObjectSpec CreateApiToken = new("CreateApiTokenRequest",
    [
        Str("name").Req(),
        Str("description"),
        Str("scope").Req().OneOf(AccessCatalog.TokenScopes),
        Str("entityId"),
        Str("role").Req(),
        Str("kind").OneOf(AccessCatalog.TokenKinds),
        Expiry,
    ]);

    public static readonly ObjectSpec UpdateApiToken = new("UpdateApiTokenRequest", [Str("name").Req(), Str("description")]);

    public static readonly ObjectSpec ApiTokenRole = new("ApiTokenRole",
        [Str("entityType").Req().OneOf(AccessCatalog.RoleEntityTypes), Str("entityId").Req(), Str("role").Req(), Str("deploymentId")]);

    public static readonly ObjectSpec UpdateApiTokenRoles = new("UpdateApiTokenRolesRequest", [ObjArr("roles", ApiTokenRole).Req()]);

    public static readonly ObjectSpec CreateAgentToken = new("CreateAgentTokenRequest",
        [Str("name").Req(), Str("description"), Expiry]);
}
