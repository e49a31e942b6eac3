using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// An API token, or a Deployment's agent token (the API's ApiToken). Its value, <see cref="Token"/>, is in the answer to
/// the create and to a rotation only: keep it then, it cannot be read again.
/// </summary>
public sealed class ApiToken
{
    /// <summary>The token's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The description (<c>""</c> for none).</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";

    /// <summary>ORGANIZATION, WORKSPACE or DEPLOYMENT.</summary>
    [JsonProperty("scope")] public ApiTokenScope Scope { get; init; }

    /// <summary>STANDARD or DIRECT_ACCESS.</summary>
    [JsonProperty("kind")] public ApiTokenKind Kind { get; init; }

    /// <summary>A short, non-secret form of the value, to recognise the token by.</summary>
    [JsonProperty("shortToken")] public string ShortToken { get; init; } = "";

    /// <summary>When the current value became valid.</summary>
    [JsonProperty("startAt")] public DateTimeOffset StartAt { get; init; }

    /// <summary>When the current value expires; absent for a token without an expiry period.</summary>
    [JsonProperty("endAt")] public DateTimeOffset? EndAt { get; init; }

    /// <summary>The expiry period in days.</summary>
    [JsonProperty("expiryPeriodInDays")] public int? ExpiryPeriodInDays { get; init; }

    /// <summary>When it was last rotated.</summary>
    [JsonProperty("lastRotatedAt")] public DateTimeOffset? LastRotatedAt { get; init; }

    /// <summary>When it was last used.</summary>
    [JsonProperty("lastUsedAt")] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Its roles (API tokens).</summary>
    [JsonProperty("roles")] public IReadOnlyList<ApiTokenRole>? Roles { get; init; }

    /// <summary>The value: a secret, in create and rotate answers only.</summary>
    [JsonProperty("token")] public string? Token { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile? UpdatedBy { get; init; }
}

/// <summary>
/// A role of an API token on one entity (the API's ApiTokenRole): an organization, workspace or Deployment role, or a
/// DAG role (on a DAG id or a DAG tag, in <see cref="DeploymentId"/>).
/// </summary>
public sealed class ApiTokenRole
{
    /// <summary>What the role is on.</summary>
    [JsonProperty("entityType")] public ApiTokenRoleEntityType EntityType { get; init; }

    /// <summary>The entity's id: the organization, workspace or Deployment id, the DAG id, or the DAG tag.</summary>
    [JsonProperty("entityId")] public string EntityId { get; init; } = "";

    /// <summary>The role, e.g. <c>WORKSPACE_OWNER</c>, <c>DEPLOYMENT_ADMIN</c>, <c>DAG_VIEWER</c>.</summary>
    [JsonProperty("role")] public string Role { get; init; } = "";

    /// <summary>The Deployment of a DAG or DAG_TAG role; required for those, not allowed for others.</summary>
    [JsonProperty("deploymentId")] public string? DeploymentId { get; init; }
}

/// <summary>One page of API or agent tokens.</summary>
public sealed class ApiTokensPaginated : IPage<ApiToken>
{
    /// <summary>The tokens on this page (without values).</summary>
    [JsonProperty("tokens")] public IReadOnlyList<ApiToken> Tokens { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many tokens match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<ApiToken> IPage<ApiToken>.Items => Tokens;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListApiTokensAsync"/>.</summary>
public sealed class ListApiTokensQuery : PageQuery
{
    /// <summary>Only tokens with a role on this workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Only tokens with a role on this Deployment (or on its DAGs).</summary>
    public string? DeploymentId { get; init; }

    /// <summary>Only tokens with a role on this DAG.</summary>
    public string? DagId { get; init; }

    /// <summary>Only tokens with a role on one of these DAG tags.</summary>
    public IReadOnlyList<string>? DagTags { get; init; }

    /// <summary>Only ORGANIZATION tokens.</summary>
    public bool? IncludeOnlyOrganizationTokens { get; init; }

    /// <summary>Only tokens of this kind.</summary>
    public ApiTokenKind? Kind { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c> (createdAt, description, name, tokenStartAt, updatedAt), sent as repeated <c>sorts</c>.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>Paging of <see cref="IAstroClient.ListAgentTokensAsync"/>.</summary>
public sealed class ListAgentTokensQuery : PageQuery
{
    /// <summary>Sort keys such as <c>name:asc</c> (also createdById, tokenStartAt, updatedById), sent as repeated <c>sorts</c>.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>The body of an API token create (the API's CreateApiTokenRequest).</summary>
public sealed class CreateApiTokenRequest
{
    /// <summary>The name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>ORGANIZATION, WORKSPACE or DEPLOYMENT; it cannot change later.</summary>
    [JsonProperty("scope")] public required ApiTokenScope Scope { get; init; }

    /// <summary>The workspace or Deployment id; required for WORKSPACE and DEPLOYMENT tokens.</summary>
    [JsonProperty("entityId")] public string? EntityId { get; init; }

    /// <summary>The token's role on its own entity, e.g. <c>WORKSPACE_AUTHOR</c>; more roles go through the roles update.</summary>
    [JsonProperty("role")] public required string Role { get; init; }

    /// <summary>The kind; STANDARD when left out.</summary>
    [JsonProperty("kind")] public ApiTokenKind? Kind { get; init; }

    /// <summary>Days until the value expires; left out, it never does.</summary>
    [JsonProperty("tokenExpiryPeriodInDays")] public int? TokenExpiryPeriodInDays { get; init; }
}

/// <summary>The body of an API token update (the API's UpdateApiTokenRequest); a description left out is kept.</summary>
public sealed class UpdateApiTokenRequest
{
    /// <summary>The name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>
/// The body of an API token roles update (the API's UpdateApiTokenRolesRequest): the complete list, which must hold
/// exactly one role on the token's own entity.
/// </summary>
public sealed class UpdateApiTokenRolesRequest
{
    /// <summary>Every role the token is to have.</summary>
    [JsonProperty("roles")] public required IReadOnlyList<ApiTokenRole> Roles { get; init; }
}

/// <summary>The body of an agent token create (the API's CreateAgentTokenRequest).</summary>
public sealed class CreateAgentTokenRequest
{
    /// <summary>The name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Days until the value expires; left out, it never does.</summary>
    [JsonProperty("tokenExpiryPeriodInDays")] public int? TokenExpiryPeriodInDays { get; init; }
}
