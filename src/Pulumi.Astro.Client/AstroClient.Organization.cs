using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// The organization, its workspaces and the options endpoints (API fact sheet §2).
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<Organization> GetOrganizationAsync(bool isLookUpOnly, CancellationToken cancellationToken) =>
        GetAsync<Organization>(OrgPath(), isLookUpOnly ? new QueryString().Add("isLookUpOnly", true) : null, cancellationToken);

    /// <inheritdoc/>
    public Task<OrganizationsPaginated> ListOrganizationsAsync(ListOrganizationsQuery? query, CancellationToken cancellationToken) =>
        GetAsync<OrganizationsPaginated>("/v1/organizations", OrganizationsQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Organization>> ListAllOrganizationsAsync(ListOrganizationsQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<OrganizationsPaginated, Organization>(query, (offset, limit) =>
            GetAsync<OrganizationsPaginated>("/v1/organizations", OrganizationsQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString OrganizationsQuery(ListOrganizationsQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .Add("product", query?.Product?.Value)
            .Add("productPlan", query?.ProductPlan)
            .Add("astronomerProduct", query?.AstronomerProduct?.Value)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<Workspace> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        GetAsync<Workspace>(OrgPath("workspaces", Id(workspaceId, nameof(workspaceId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<WorkspacesPaginated> ListWorkspacesAsync(ListWorkspacesQuery? query, CancellationToken cancellationToken) =>
        GetAsync<WorkspacesPaginated>(OrgPath("workspaces"), WorkspacesQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Workspace>> ListAllWorkspacesAsync(ListWorkspacesQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<WorkspacesPaginated, Workspace>(query, (offset, limit) =>
            GetAsync<WorkspacesPaginated>(OrgPath("workspaces"), WorkspacesQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString WorkspacesQuery(ListWorkspacesQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .AddEach("workspaceIds", query?.WorkspaceIds)
            .AddEach("names", query?.Names)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClusterOptions>> GetClusterOptionsAsync(ClusterOptionsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = new QueryString().Add("type", query.Type.Value).Add("provider", query.Provider?.Value);
        return GetAsync<IReadOnlyList<ClusterOptions>>(OrgPath("cluster-options"), q, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DeploymentOptions> GetDeploymentOptionsAsync(DeploymentOptionsQuery? query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("deploymentId", query?.DeploymentId)
            .Add("deploymentType", query?.DeploymentType?.Value)
            .Add("executor", query?.Executor?.Value)
            .Add("cloudProvider", query?.CloudProvider?.Value);
        return GetAsync<DeploymentOptions>(OrgPath("deployment-options"), q, cancellationToken);
    }
}
