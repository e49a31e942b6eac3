using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// The body of a workspace create (the API's CreateWorkspaceRequest). The default cloud provider and region go
/// together, and exclude a default cluster.
/// </summary>
public sealed class CreateWorkspaceRequest
{
    /// <summary>The workspace name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Whether new Deployments enforce CI/CD deploys by default; Astro's default is false.</summary>
    [JsonProperty("cicdEnforcedDefault")] public bool? CicdEnforcedDefault { get; init; }

    /// <summary>The default cloud provider for new Deployments; give it with <see cref="DefaultRegion"/>.</summary>
    [JsonProperty("defaultCloudProvider")] public CloudProvider? DefaultCloudProvider { get; init; }

    /// <summary>The default region for new Deployments; give it with <see cref="DefaultCloudProvider"/>.</summary>
    [JsonProperty("defaultRegion")] public string? DefaultRegion { get; init; }

    /// <summary>The default cluster for new Deployments; excludes the default cloud provider and region.</summary>
    [JsonProperty("defaultClusterId")] public string? DefaultClusterId { get; init; }
}

/// <summary>
/// The body of a workspace update (the API's UpdateWorkspaceRequest): the name, description and CI/CD default are
/// required, and a default left out is cleared, so send the whole desired workspace.
/// </summary>
public sealed class UpdateWorkspaceRequest
{
    /// <summary>The workspace name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The description; <c>""</c> for none.</summary>
    [JsonProperty("description")] public required string Description { get; init; }

    /// <summary>Whether new Deployments enforce CI/CD deploys by default.</summary>
    [JsonProperty("cicdEnforcedDefault")] public required bool CicdEnforcedDefault { get; init; }

    /// <summary>The default cloud provider for new Deployments; give it with <see cref="DefaultRegion"/>.</summary>
    [JsonProperty("defaultCloudProvider")] public CloudProvider? DefaultCloudProvider { get; init; }

    /// <summary>The default region for new Deployments; give it with <see cref="DefaultCloudProvider"/>.</summary>
    [JsonProperty("defaultRegion")] public string? DefaultRegion { get; init; }

    /// <summary>The default cluster for new Deployments; excludes the default cloud provider and region.</summary>
    [JsonProperty("defaultClusterId")] public string? DefaultClusterId { get; init; }
}
