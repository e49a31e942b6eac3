using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A team of users, with the roles its members get through it (Astro API reference: Team).</summary>
public sealed class Team
{
    /// <summary>The team's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The team's name, unique in the organization.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>The team's organization role.</summary>
    [JsonProperty("organizationRole")] public OrganizationRole OrganizationRole { get; init; }

    /// <summary>Whether the team comes from the identity provider (SCIM), which owns its membership.</summary>
    [JsonProperty("isIdpManaged")] public bool IsIdpManaged { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The team's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The team's workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The team's Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The team's DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }

    /// <summary>How many workspace, Deployment and DAG roles the team has.</summary>
    [JsonProperty("rolesCount")] public int? RolesCount { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile? UpdatedBy { get; init; }
}

/// <summary>One page of teams.</summary>
public sealed class TeamsPaginated : IPage<Team>
{
    /// <summary>The teams on this page.</summary>
    [JsonProperty("teams")] public IReadOnlyList<Team> Teams { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many teams match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Team> IPage<Team>.Items => Teams;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListTeamsAsync"/>.</summary>
public sealed class ListTeamsQuery : PageQuery
{
    /// <summary>Only teams with these names.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Only teams with a role in this workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Only teams with a role in this Deployment.</summary>
    public string? DeploymentId { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>The body of a team create.</summary>
public sealed class CreateTeamRequest
{
    /// <summary>The team's name, unique in the organization.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The team's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The users to make members.</summary>
    [JsonProperty("memberIds")] public IReadOnlyList<string>? MemberIds { get; init; }

    /// <summary>The team's organization role; Astro's default is ORGANIZATION_MEMBER.</summary>
    [JsonProperty("organizationRole")] public OrganizationRole? OrganizationRole { get; init; }
}

/// <summary>The body of a team update.</summary>
public sealed class UpdateTeamRequest
{
    /// <summary>The team's name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The team's description; null leaves it as it is, <c>""</c> clears it.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>A member of a team.</summary>
public sealed class TeamMember
{
    /// <summary>The user's id.</summary>
    [JsonProperty("userId")] public string UserId { get; init; } = "";

    /// <summary>The user's name, their e-mail address.</summary>
    [JsonProperty("username")] public string Username { get; init; } = "";

    /// <summary>The user's full name.</summary>
    [JsonProperty("fullName")] public string? FullName { get; init; }

    /// <summary>The user's avatar URL.</summary>
    [JsonProperty("avatarUrl")] public string? AvatarUrl { get; init; }

    /// <summary>When the user joined the team.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>One page of a team's members.</summary>
public sealed class TeamMembersPaginated : IPage<TeamMember>
{
    /// <summary>The members on this page.</summary>
    [JsonProperty("teamMembers")] public IReadOnlyList<TeamMember> TeamMembers { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many members the team has.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<TeamMember> IPage<TeamMember>.Items => TeamMembers;
}

/// <summary>Paging of <see cref="IAstroClient.ListTeamMembersAsync"/>.</summary>
public sealed class ListTeamMembersQuery : PageQuery
{
    /// <summary>Sort keys such as <c>username:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>The body of an add-members call.</summary>
public sealed class AddTeamMembersRequest
{
    /// <summary>The users to add; ones who are members already stay members.</summary>
    [JsonProperty("memberIds")] public required IReadOnlyList<string> MemberIds { get; init; }
}

/// <summary>
/// The body of a team's roles update: the organization role, and each list that is given replaces the team's roles of
/// that scope (null leaves them as they are, empty removes them).
/// </summary>
public sealed class UpdateTeamRolesRequest
{
    /// <summary>The team's organization role.</summary>
    [JsonProperty("organizationRole")] public required OrganizationRole OrganizationRole { get; init; }

    /// <summary>The team's workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The team's Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The team's DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }
}
