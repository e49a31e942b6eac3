using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

// Roles as Astro's API reference defines them: built-in and custom roles (DefaultRole, Role, RoleWithPermission) and
// the permission groups a custom role takes its permissions from. The role assignments users and teams hold
// (WorkspaceRole, DeploymentRole, DagRole, SubjectRoles) are in SubjectRoles.cs.

/// <summary>A built-in role (ListRoles with <see cref="ListRolesQuery.IncludeDefaultRoles"/>).</summary>
public sealed class DefaultRole
{
    /// <summary>The role's name, e.g. <c>WORKSPACE_OWNER</c>.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The role's scope.</summary>
    [JsonProperty("scopeType")] public RoleScopeType ScopeType { get; init; }

    /// <summary>The role's permissions.</summary>
    [JsonProperty("permissions")] public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>The role's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>A custom role as a list shows it, without its permissions (<see cref="RoleWithPermission"/> has them).</summary>
public sealed class Role
{
    /// <summary>The role's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The role's name, which role assignments use.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>DEPLOYMENT or DAG.</summary>
    [JsonProperty("scopeType")] public RoleScopeType ScopeType { get; init; }

    /// <summary>The workspaces the role is restricted to; empty when it applies in every workspace.</summary>
    [JsonProperty("restrictedWorkspaceIds")] public IReadOnlyList<string> RestrictedWorkspaceIds { get; init; } = [];

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile CreatedBy { get; init; } = new();

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile UpdatedBy { get; init; } = new();

    /// <summary>The role's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>A custom role with its permissions (GetCustomRole, CreateCustomRole, UpdateCustomRole).</summary>
public sealed class RoleWithPermission
{
    /// <summary>The role's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The role's name, which role assignments use.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>DEPLOYMENT or DAG.</summary>
    [JsonProperty("scopeType")] public RoleScopeType ScopeType { get; init; }

    /// <summary>The role's permissions: actions of <see cref="PermissionGroup"/>s of its scope.</summary>
    [JsonProperty("permissions")] public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>The workspaces the role is restricted to; empty when it applies in every workspace.</summary>
    [JsonProperty("restrictedWorkspaceIds")] public IReadOnlyList<string> RestrictedWorkspaceIds { get; init; } = [];

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile CreatedBy { get; init; } = new();

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile UpdatedBy { get; init; } = new();

    /// <summary>The role's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>One page of custom roles, and the built-in roles when they were asked for.</summary>
public sealed class RolesPaginated : IPage<Role>
{
    /// <summary>The custom roles on this page.</summary>
    [JsonProperty("roles")] public IReadOnlyList<Role> Roles { get; init; } = [];

    /// <summary>The built-in roles of the asked scopes (not paged); null unless <see cref="ListRolesQuery.IncludeDefaultRoles"/>.</summary>
    [JsonProperty("defaultRoles")] public IReadOnlyList<DefaultRole>? DefaultRoles { get; init; }

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first custom role.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many custom roles match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Role> IPage<Role>.Items => Roles;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListRolesAsync"/>.</summary>
public sealed class ListRolesQuery : PageQuery
{
    /// <summary>Whether the answer lists the built-in roles too (<see cref="RolesPaginated.DefaultRoles"/>).</summary>
    public bool? IncludeDefaultRoles { get; init; }

    /// <summary>Only roles of these scopes, sent as repeated <c>scopeTypes</c> parameters.</summary>
    public IReadOnlyList<RoleScopeType>? ScopeTypes { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c>, <c>scopeType:desc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>The body of a custom role create.</summary>
public sealed class CreateCustomRoleRequest
{
    /// <summary>The role's name, unique in the organization.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>DEPLOYMENT or DAG; it cannot change later.</summary>
    [JsonProperty("scopeType")] public required RoleScopeType ScopeType { get; init; }

    /// <summary>At least one permission, each an action of a <see cref="PermissionGroup"/> of the role's scope.</summary>
    [JsonProperty("permissions")] public required IReadOnlyList<string> Permissions { get; init; }

    /// <summary>The role's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The workspaces the role is restricted to; null or empty for every workspace.</summary>
    [JsonProperty("restrictedWorkspaceIds")] public IReadOnlyList<string>? RestrictedWorkspaceIds { get; init; }
}

/// <summary>The body of a custom role update: name and permissions replace the current ones.</summary>
public sealed class UpdateCustomRoleRequest
{
    /// <summary>The role's name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The role's permissions, all of them.</summary>
    [JsonProperty("permissions")] public required IReadOnlyList<string> Permissions { get; init; }

    /// <summary>The role's description; null leaves it as it is.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The workspaces the role is restricted to; null leaves them as they are, empty lifts the restriction.</summary>
    [JsonProperty("restrictedWorkspaceIds")] public IReadOnlyList<string>? RestrictedWorkspaceIds { get; init; }
}

/// <summary>A group of permissions a custom role of its scope may take.</summary>
public sealed class PermissionGroup
{
    /// <summary>The group's name, e.g. <c>deployment.airflow.connection</c>.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>What the group covers.</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";

    /// <summary>The scope of a custom role that may take these permissions, e.g. <c>DEPLOYMENT</c>.</summary>
    [JsonProperty("scope")] public RoleScopeType Scope { get; init; }

    /// <summary>The permissions.</summary>
    [JsonProperty("permissions")] public IReadOnlyList<PermissionEntry> Permissions { get; init; } = [];
}

/// <summary>One permission of a <see cref="PermissionGroup"/>.</summary>
public sealed class PermissionEntry
{
    /// <summary>The permission, as a custom role lists it, e.g. <c>deployment.airflow.connection.get</c>.</summary>
    [JsonProperty("action")] public string Action { get; init; } = "";

    /// <summary>What it allows.</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";
}
