using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>An Astro organization (API fact sheet §5.8). A metadata-only lookup leaves most fields at their defaults.</summary>
public sealed class Organization
{
    /// <summary>The organization id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The organization name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile CreatedBy { get; init; } = new();

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile UpdatedBy { get; init; } = new();

    /// <summary>Whether Astronomer support may access the organization's deployments.</summary>
    [JsonProperty("allowEnhancedSupportAccess")] public bool AllowEnhancedSupportAccess { get; init; }

    /// <summary>Whether API access is limited to allowed IP ranges.</summary>
    [JsonProperty("hasAllowedIpAddressRanges")] public bool HasAllowedIpAddressRanges { get; init; }

    /// <summary>Whether AI features are blocked from being enabled.</summary>
    [JsonProperty("isBlockedEnableAiFeatures")] public bool IsBlockedEnableAiFeatures { get; init; }

    /// <summary>Whether SCIM provisioning is on.</summary>
    [JsonProperty("isScimEnabled")] public bool IsScimEnabled { get; init; }

    /// <summary>Whether new deployments must run on dedicated clusters.</summary>
    [JsonProperty("shouldEnforceDedicatedClusters")] public bool ShouldEnforceDedicatedClusters { get; init; }

    /// <summary>The organization's product plans.</summary>
    [JsonProperty("productPlans")] public IReadOnlyList<OrganizationProductPlan> ProductPlans { get; init; } = [];

    /// <summary>The billing e-mail address.</summary>
    [JsonProperty("billingEmail")] public string? BillingEmail { get; init; }

    /// <summary>Whether AI features are disabled.</summary>
    [JsonProperty("hasAiFeaturesDisabled")] public bool? HasAiFeaturesDisabled { get; init; }

    /// <summary>Domains the organization manages.</summary>
    [JsonProperty("managedDomains")] public IReadOnlyList<ManagedDomain>? ManagedDomains { get; init; }

    /// <summary>How the organization pays.</summary>
    [JsonProperty("paymentMethod")] public OrganizationPaymentMethod? PaymentMethod { get; init; }

    /// <summary>HOSTED or HYBRID.</summary>
    [JsonProperty("product")] public OrganizationProduct? Product { get; init; }

    /// <summary>ACTIVE, INACTIVE or SUSPENDED.</summary>
    [JsonProperty("status")] public OrganizationStatus? Status { get; init; }

    /// <summary>When a trial ends.</summary>
    [JsonProperty("trialExpiresAt")] public DateTimeOffset? TrialExpiresAt { get; init; }
}

/// <summary>A product plan of an organization (§5.8).</summary>
public sealed class OrganizationProductPlan
{
    /// <summary>The product, ASTRO.</summary>
    [JsonProperty("astronomerProduct")] public AstronomerProduct AstronomerProduct { get; init; }

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>The plan id.</summary>
    [JsonProperty("productPlanId")] public string ProductPlanId { get; init; } = "";

    /// <summary>The plan name.</summary>
    [JsonProperty("productPlanName")] public string ProductPlanName { get; init; } = "";
}

/// <summary>A domain an organization manages (§5.8).</summary>
public sealed class ManagedDomain
{
    /// <summary>The domain's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The domain name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>PENDING or VERIFIED.</summary>
    [JsonProperty("status")] public ManagedDomainStatus Status { get; init; }

    /// <summary>Login methods enforced for the domain.</summary>
    [JsonProperty("enforcedLogins")] public IReadOnlyList<string>? EnforcedLogins { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One page of organizations (§1.3).</summary>
public sealed class OrganizationsPaginated : IPage<Organization>
{
    /// <summary>The organizations on this page.</summary>
    [JsonProperty("organizations")] public IReadOnlyList<Organization> Organizations { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many organizations match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Organization> IPage<Organization>.Items => Organizations;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListOrganizationsAsync"/> (§1.3).</summary>
public sealed class ListOrganizationsQuery : PageQuery
{
    /// <summary>Only organizations of this product.</summary>
    public OrganizationProduct? Product { get; init; }

    /// <summary>Only organizations on this product plan.</summary>
    public string? ProductPlan { get; init; }

    /// <summary>Only organizations of this Astronomer product.</summary>
    public AstronomerProduct? AstronomerProduct { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c> or <c>createdAt:desc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}
