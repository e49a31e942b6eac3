using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>The body of an organization update (Astro API reference: UpdateOrganizationRequest).</summary>
public sealed class UpdateOrganizationRequest
{
    /// <summary>The organization's name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The billing e-mail address.</summary>
    [JsonProperty("billingEmail")] public required string BillingEmail { get; init; }

    /// <summary>Whether SCIM provisioning is on.</summary>
    [JsonProperty("isScimEnabled")] public required bool IsScimEnabled { get; init; }

    /// <summary>Whether Astronomer support may access the organization's Deployments; null leaves it as it is.</summary>
    [JsonProperty("allowEnhancedSupportAccess")] public bool? AllowEnhancedSupportAccess { get; init; }

    /// <summary>Whether AI features are off; null leaves it as it is.</summary>
    [JsonProperty("hasAiFeaturesDisabled")] public bool? HasAiFeaturesDisabled { get; init; }

    /// <summary>Whether new Deployments must run on dedicated clusters; null leaves it as it is.</summary>
    [JsonProperty("shouldEnforceDedicatedClusters")] public bool? ShouldEnforceDedicatedClusters { get; init; }
}
