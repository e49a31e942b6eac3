using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Roles, custom roles and permission groups. Retry classes are listed in AstroClient.Access.cs.
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<PermissionGroup>> ListPermissionGroupsAsync(RoleScopeType? scopeType, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<PermissionGroup>>("/v1/authorization/permission-groups", new QueryString().Add("scopeType", scopeType?.Value), cancellationToken);

    /// <inheritdoc/>
    public Task<RolesPaginated> ListRolesAsync(ListRolesQuery? query, CancellationToken cancellationToken) =>
        GetAsync<RolesPaginated>(OrgPath("roles"), RolesQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Role>> ListAllRolesAsync(ListRolesQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<RolesPaginated, Role>(query, (offset, limit) =>
            GetAsync<RolesPaginated>(OrgPath("roles"), RolesQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString RolesQuery(ListRolesQuery? query, int? offset, int? limit) =>
        PageQueryString(offset, limit, query?.Sorts)
            .Add("includeDefaultRoles", query?.IncludeDefaultRoles)
            .AddEach("scopeTypes", query?.ScopeTypes?.Select(s => s.Value));

    /// <inheritdoc/>
    public Task<RoleWithPermission> GetCustomRoleAsync(string roleId, CancellationToken cancellationToken) =>
        GetAsync<RoleWithPermission>(OrgPath("roles", Id(roleId, nameof(roleId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<RoleWithPermission> CreateCustomRoleAsync(CreateCustomRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<RoleWithPermission>(OrgPath("roles"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RoleWithPermission> UpdateCustomRoleAsync(string roleId, UpdateCustomRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<RoleWithPermission>(OrgPath("roles", Id(roleId, nameof(roleId))), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteCustomRoleAsync(string roleId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("roles", Id(roleId, nameof(roleId))), cancellationToken);
}
