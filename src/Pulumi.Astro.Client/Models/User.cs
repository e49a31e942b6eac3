using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A user of the organization and the roles they hold directly (Astro API reference: User).</summary>
public sealed class User
{
    /// <summary>The user's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The user's name, their e-mail address.</summary>
    [JsonProperty("username")] public string Username { get; init; } = "";

    /// <summary>The user's full name; empty for an invitee who has not joined.</summary>
    [JsonProperty("fullName")] public string FullName { get; init; } = "";

    /// <summary>The user's avatar URL.</summary>
    [JsonProperty("avatarUrl")] public string AvatarUrl { get; init; } = "";

    /// <summary>ACTIVE, PENDING (invited), INACTIVE or BANNED.</summary>
    [JsonProperty("status")] public UserStatus Status { get; init; }

    /// <summary>When the user was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The user's organization role.</summary>
    [JsonProperty("organizationRole")] public OrganizationRole? OrganizationRole { get; init; }

    /// <summary>The user's workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The user's Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The user's DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }
}

/// <summary>One page of users.</summary>
public sealed class UsersPaginated : IPage<User>
{
    /// <summary>The users on this page.</summary>
    [JsonProperty("users")] public IReadOnlyList<User> Users { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many users match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<User> IPage<User>.Items => Users;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListUsersAsync"/>.</summary>
public sealed class ListUsersQuery : PageQuery
{
    /// <summary>Only users with a role in this workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Only users with a role in this Deployment.</summary>
    public string? DeploymentId { get; init; }

    /// <summary>Only users with a role on this DAG.</summary>
    public string? DagId { get; init; }

    /// <summary>Only users with a role on DAGs with one of these tags.</summary>
    public IReadOnlyList<string>? DagTags { get; init; }

    /// <summary>Sort keys such as <c>username:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>
/// The body of a user's roles update. <see cref="OrganizationRole"/> is required whenever a list is given; each list that
/// is given replaces the user's roles of that scope (null leaves them as they are, empty removes them).
/// </summary>
public sealed class UpdateUserRolesRequest
{
    /// <summary>The user's organization role.</summary>
    [JsonProperty("organizationRole")] public OrganizationRole? OrganizationRole { get; init; }

    /// <summary>The user's workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The user's Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The user's DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }
}

/// <summary>A team a user belongs to, as ListUserTeams answers it.</summary>
public sealed class UserTeamMembership
{
    /// <summary>The team's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The team's name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>Whether the identity provider manages the team.</summary>
    [JsonProperty("isIdpManaged")] public bool IsIdpManaged { get; init; }

    /// <summary>The team's organization role.</summary>
    [JsonProperty("organizationRole")] public OrganizationRole OrganizationRole { get; init; }

    /// <summary>The team's description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>How many workspace, Deployment and DAG roles the team has.</summary>
    [JsonProperty("rolesCount")] public int? RolesCount { get; init; }

    /// <summary>The team's workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The team's Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The team's DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }
}

/// <summary>One page of a user's teams.</summary>
public sealed class UserTeamsPaginated : IPage<UserTeamMembership>
{
    /// <summary>The teams on this page.</summary>
    [JsonProperty("teams")] public IReadOnlyList<UserTeamMembership> Teams { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many teams the user is in.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<UserTeamMembership> IPage<UserTeamMembership>.Items => Teams;
}

/// <summary>Paging of <see cref="IAstroClient.ListUserTeamsAsync"/>.</summary>
public sealed class ListUserTeamsQuery : PageQuery
{
    /// <summary>Sort keys such as <c>name:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>An invitation to join the organization (Astro API reference: Invite).</summary>
public sealed class Invite
{
    /// <summary>The invite's id, which <see cref="IAstroClient.DeleteUserInviteAsync"/> takes.</summary>
    [JsonProperty("inviteId")] public string InviteId { get; init; } = "";

    /// <summary>The invited user: <see cref="BasicSubjectProfile.Id"/> is the user GetUser reads while the invite is pending.</summary>
    [JsonProperty("invitee")] public BasicSubjectProfile Invitee { get; init; } = new();

    /// <summary>Who invited them.</summary>
    [JsonProperty("inviter")] public BasicSubjectProfile Inviter { get; init; } = new();

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>When the invite expires.</summary>
    [JsonProperty("expiresAt")] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The organization's name.</summary>
    [JsonProperty("organizationName")] public string? OrganizationName { get; init; }

    /// <summary>The invited user's id.</summary>
    [JsonProperty("userId")] public string? UserId { get; init; }
}

/// <summary>The body of an invite.</summary>
public sealed class CreateUserInviteRequest
{
    /// <summary>The e-mail address to invite.</summary>
    [JsonProperty("inviteeEmail")] public required string InviteeEmail { get; init; }

    /// <summary>The organization role the user gets on joining.</summary>
    [JsonProperty("role")] public required OrganizationRole Role { get; init; }
}
