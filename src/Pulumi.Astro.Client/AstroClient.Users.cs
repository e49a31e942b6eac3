using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Users, their roles and teams, and user invites. Retry classes are listed in AstroClient.Access.cs.
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<UsersPaginated> ListUsersAsync(ListUsersQuery? query, CancellationToken cancellationToken) =>
        GetAsync<UsersPaginated>(OrgPath("users"), UsersQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<User>> ListAllUsersAsync(ListUsersQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<UsersPaginated, User>(query, (offset, limit) =>
            GetAsync<UsersPaginated>(OrgPath("users"), UsersQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString UsersQuery(ListUsersQuery? query, int? offset, int? limit) =>
        PageQueryString(offset, limit, query?.Sorts)
            .Add("workspaceId", query?.WorkspaceId)
            .Add("deploymentId", query?.DeploymentId)
            .Add("dagId", query?.DagId)
            .AddEach("dagTags", query?.DagTags);

    /// <inheritdoc/>
    public Task<User> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        GetAsync<User>(OrgPath("users", Id(userId, nameof(userId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<SubjectRoles> UpdateUserRolesAsync(string userId, UpdateUserRolesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<SubjectRoles>(OrgPath("users", Id(userId, nameof(userId)), "roles"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<UserTeamsPaginated> ListUserTeamsAsync(string userId, ListUserTeamsQuery? query, CancellationToken cancellationToken) =>
        GetAsync<UserTeamsPaginated>(OrgPath("users", Id(userId, nameof(userId)), "teams"),
            PageQueryString(query?.Offset, query?.Limit, query?.Sorts), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<UserTeamMembership>> ListAllUserTeamsAsync(string userId, ListUserTeamsQuery? query, CancellationToken cancellationToken)
    {
        var path = OrgPath("users", Id(userId, nameof(userId)), "teams");
        return ListAllAsync<UserTeamsPaginated, UserTeamMembership>(query, (offset, limit) =>
            GetAsync<UserTeamsPaginated>(path, PageQueryString(offset, limit, query?.Sorts), cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Invite> CreateUserInviteAsync(CreateUserInviteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Invite>(OrgPath("invites"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteUserInviteAsync(string inviteId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("invites", Id(inviteId, nameof(inviteId))), cancellationToken);
}
