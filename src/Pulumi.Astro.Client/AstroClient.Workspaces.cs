using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Workspace create, update and delete (the API's CreateWorkspace, UpdateWorkspace, DeleteWorkspace); the reads are
// with the organization's (AstroClient.Organization.cs).
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<Workspace> CreateWorkspaceAsync(CreateWorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Workspace>(OrgPath("workspaces"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Workspace> UpdateWorkspaceAsync(string workspaceId, UpdateWorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Workspace>(OrgPath("workspaces", Id(workspaceId, nameof(workspaceId))), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("workspaces", Id(workspaceId, nameof(workspaceId))), cancellationToken);
}
