using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Teams, their members and their roles (Astro API reference: Team). Retry classes are listed in AstroClient.Access.cs.
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<TeamsPaginated> ListTeamsAsync(ListTeamsQuery? query, CancellationToken cancellationToken) =>
        GetAsync<TeamsPaginated>(OrgPath("teams"), TeamsQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Team>> ListAllTeamsAsync(ListTeamsQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<TeamsPaginated, Team>(query, (offset, limit) =>
            GetAsync<TeamsPaginated>(OrgPath("teams"), TeamsQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString TeamsQuery(ListTeamsQuery? query, int? offset, int? limit) =>
        PageQueryString(offset, limit, query?.Sorts)
            .AddEach("names", query?.Names)
            .Add("workspaceId", query?.WorkspaceId)
            .Add("deploymentId", query?.DeploymentId);

    /// <inheritdoc/>
    public Task<Team> GetTeamAsync(string teamId, CancellationToken cancellationToken) =>
        GetAsync<Team>(OrgPath("teams", Id(teamId, nameof(teamId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<Team> CreateTeamAsync(CreateTeamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Team>(OrgPath("teams"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Team> UpdateTeamAsync(string teamId, UpdateTeamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Team>(OrgPath("teams", Id(teamId, nameof(teamId))), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteTeamAsync(string teamId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("teams", Id(teamId, nameof(teamId))), cancellationToken);

    /// <inheritdoc/>
    public Task<TeamMembersPaginated> ListTeamMembersAsync(string teamId, ListTeamMembersQuery? query, CancellationToken cancellationToken) =>
        GetAsync<TeamMembersPaginated>(OrgPath("teams", Id(teamId, nameof(teamId)), "members"),
            PageQueryString(query?.Offset, query?.Limit, query?.Sorts), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<TeamMember>> ListAllTeamMembersAsync(string teamId, ListTeamMembersQuery? query, CancellationToken cancellationToken)
    {
        var path = OrgPath("teams", Id(teamId, nameof(teamId)), "members");
        return ListAllAsync<TeamMembersPaginated, TeamMember>(query, (offset, limit) =>
            GetAsync<TeamMembersPaginated>(path, PageQueryString(offset, limit, query?.Sorts), cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task AddTeamMembersAsync(string teamId, AddTeamMembersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateWithoutAnswerAsync(OrgPath("teams", Id(teamId, nameof(teamId)), "members"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RemoveTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("teams", Id(teamId, nameof(teamId)), "members", Id(userId, nameof(userId))), cancellationToken);

    /// <inheritdoc/>
    public Task<SubjectRoles> UpdateTeamRolesAsync(string teamId, UpdateTeamRolesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<SubjectRoles>(OrgPath("teams", Id(teamId, nameof(teamId)), "roles"), request, cancellationToken);
    }
}
