using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Organization access: teams (AstroClient.Teams.cs), roles and permission groups (AstroClient.Roles.cs), users and
// invites (AstroClient.Users.cs), the IP access list (AstroClient.AllowedIpAddressRanges.cs) and the organization update
// (here). How each request is retried and what a lost answer means (the class remarks in AstroClient.cs):
// - creates, which a second send would make twice or answer 409: CreateTeam, CreateCustomRole, CreateUserInvite,
//   CreateAllowedIpAddressRange, BulkCreateAllowedIpAddressRanges;
// - updates, which leave the same state when sent twice: UpdateTeam, AddTeamMembers (a member already in stays),
//   UpdateTeamRoles, UpdateCustomRole, UpdateUserRoles, BulkDeleteAllowedIpAddressRanges (ids already gone are skipped),
//   UpdateOrganization;
// - idempotent: every GET and DELETE.
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<Organization> UpdateOrganizationAsync(UpdateOrganizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Organization>(OrgPath(), request, cancellationToken);
    }

    /// <summary>POSTs an update that Astro answers with 204 and no body.</summary>
    private async Task PostUpdateWithoutAnswerAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, query: null, body, RequestKind.Update, cancellationToken).ConfigureAwait(false);
    }

    private static QueryString PageQueryString(int? offset, int? limit, IReadOnlyList<string>? sorts) =>
        new QueryString().Add("offset", offset).Add("limit", limit).AddEach("sorts", sorts);
}
