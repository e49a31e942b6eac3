using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A workspace (API fact sheet §5.7).</summary>
public sealed class Workspace
{
    /// <summary>The workspace id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The workspace name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>The default of <c>isCicdEnforced</c> for new deployments.</summary>
    [JsonProperty("cicdEnforcedDefault")] public bool CicdEnforcedDefault { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile? UpdatedBy { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The organization name.</summary>
    [JsonProperty("organizationName")] public string? OrganizationName { get; init; }

    /// <summary>The default target cluster for new deployments.</summary>
    [JsonProperty("defaultClusterId")] public string? DefaultClusterId { get; init; }

    /// <summary>The default cloud provider for new standard deployments.</summary>
    [JsonProperty("defaultCloudProvider")] public CloudProvider? DefaultCloudProvider { get; init; }

    /// <summary>The default region for new standard deployments.</summary>
    [JsonProperty("defaultRegion")] public string? DefaultRegion { get; init; }
}

/// <summary>One page of workspaces (§1.3).</summary>
public sealed class WorkspacesPaginated : IPage<Workspace>
{
    /// <summary>The workspaces on this page.</summary>
    [JsonProperty("workspaces")] public IReadOnlyList<Workspace> Workspaces { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many workspaces match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Workspace> IPage<Workspace>.Items => Workspaces;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListWorkspacesAsync"/> (§1.3).</summary>
public sealed class ListWorkspacesQuery : PageQuery
{
    /// <summary>Only these workspace ids.</summary>
    public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>Only workspaces with these names.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}
