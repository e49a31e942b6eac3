using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Deployments, their hibernation override and logs (API fact sheet §2, §4.1, §4.2, §4.7, §5.3, §5.5).
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<DeploymentsPaginated> ListDeploymentsAsync(ListDeploymentsQuery? query, CancellationToken cancellationToken) =>
        GetAsync<DeploymentsPaginated>(OrgPath("deployments"), DeploymentsQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Deployment>> ListAllDeploymentsAsync(ListDeploymentsQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<DeploymentsPaginated, Deployment>(query, (offset, limit) =>
            GetAsync<DeploymentsPaginated>(OrgPath("deployments"), DeploymentsQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString DeploymentsQuery(ListDeploymentsQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .AddEach("deploymentIds", query?.DeploymentIds)
            .AddEach("names", query?.Names)
            .AddEach("workspaceIds", query?.WorkspaceIds)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<Deployment> GetDeploymentAsync(string deploymentId, CancellationToken cancellationToken) =>
        GetAsync<Deployment>(OrgPath("deployments", Id(deploymentId, nameof(deploymentId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<Deployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Deployment>(OrgPath("deployments"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Deployment> UpdateDeploymentAsync(string deploymentId, UpdateDeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Deployment>(OrgPath("deployments", Id(deploymentId, nameof(deploymentId))), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteDeploymentAsync(string deploymentId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("deployments", Id(deploymentId, nameof(deploymentId))), cancellationToken);

    /// <inheritdoc/>
    public Task<DeploymentHibernationOverride> SetHibernationOverrideAsync(
        string deploymentId, OverrideDeploymentHibernationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<DeploymentHibernationOverride>(
            OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "hibernation-override"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteHibernationOverrideAsync(string deploymentId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "hibernation-override"), cancellationToken);

    /// <inheritdoc/>
    public Task<DeploymentLog> GetDeploymentLogsAsync(string deploymentId, DeploymentLogsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Sources is not { Count: > 0 })
            throw new ArgumentException("Name at least one log source.", nameof(query));
        if (query.StartDate.HasValue != query.EndDate.HasValue)
            throw new ArgumentException("Give the start and end dates together (§2, logs query).", nameof(query));
        var q = new QueryString()
            .AddEach("sources", query.Sources.Select(s => s.Value))
            .Add("limit", query.Limit)
            .Add("offset", query.Offset)
            .Add("range", query.Range)
            .Add("maxNumResults", query.MaxNumResults)
            .Add("searchId", query.SearchId)
            .Add("searchText", query.SearchText)
            .Add("startDate", query.StartDate)
            .Add("endDate", query.EndDate);
        return GetAsync<DeploymentLog>(OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "logs"), q, cancellationToken);
    }
}
