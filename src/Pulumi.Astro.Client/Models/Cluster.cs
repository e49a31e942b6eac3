using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A dedicated or hybrid cluster (API fact sheet §5.1).</summary>
public sealed class Cluster
{
    /// <summary>The cluster id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The cluster name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>AWS, AZURE or GCP.</summary>
    [JsonProperty("cloudProvider")] public CloudProvider CloudProvider { get; init; }

    /// <summary>DEDICATED or HYBRID.</summary>
    [JsonProperty("type")] public ClusterType Type { get; init; }

    /// <summary>The region, e.g. <c>us-east-1</c>.</summary>
    [JsonProperty("region")] public string Region { get; init; } = "";

    /// <summary>The lifecycle state (§7.1).</summary>
    [JsonProperty("status")] public ClusterStatus Status { get; init; }

    /// <summary>The VPC CIDR.</summary>
    [JsonProperty("vpcSubnetRange")] public string VpcSubnetRange { get; init; } = "";

    /// <summary>The database instance type.</summary>
    [JsonProperty("dbInstanceType")] public string DbInstanceType { get; init; } = "";

    /// <summary>The DR region; a string even when DR is off (§11.16).</summary>
    [JsonProperty("drRegion")] public string DrRegion { get; init; } = "";

    /// <summary>Whether disaster recovery is on.</summary>
    [JsonProperty("isDrEnabled")] public bool IsDrEnabled { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The pod CIDR (GCP).</summary>
    [JsonProperty("podSubnetRange")] public string? PodSubnetRange { get; init; }

    /// <summary>The service peering CIDR (GCP).</summary>
    [JsonProperty("servicePeeringRange")] public string? ServicePeeringRange { get; init; }

    /// <summary>The service CIDR (GCP).</summary>
    [JsonProperty("serviceSubnetRange")] public string? ServiceSubnetRange { get; init; }

    /// <summary>The provider account ("GCP only" per the docs, §11.16).</summary>
    [JsonProperty("providerAccount")] public string? ProviderAccount { get; init; }

    /// <summary>The Azure tenant.</summary>
    [JsonProperty("tenantId")] public string? TenantId { get; init; }

    /// <summary>The secondary VPC CIDR (AWS).</summary>
    [JsonProperty("secondaryVpcCidr")] public string? SecondaryVpcCidr { get; init; }

    /// <summary>The DR secondary VPC CIDR (AWS).</summary>
    [JsonProperty("drSecondaryVpcCidr")] public string? DrSecondaryVpcCidr { get; init; }

    /// <summary>The DR VPC CIDR.</summary>
    [JsonProperty("drVpcSubnetRange")] public string? DrVpcSubnetRange { get; init; }

    /// <summary>The DR pod CIDR (GCP).</summary>
    [JsonProperty("drPodSubnetRange")] public string? DrPodSubnetRange { get; init; }

    /// <summary>The DR service peering CIDR (GCP).</summary>
    [JsonProperty("drServicePeeringRange")] public string? DrServicePeeringRange { get; init; }

    /// <summary>The DR service CIDR (GCP).</summary>
    [JsonProperty("drServiceSubnetRange")] public string? DrServiceSubnetRange { get; init; }

    /// <summary>Whether DR task-log replication has a time SLA.</summary>
    [JsonProperty("enableReplicationTimeControl")] public bool? EnableReplicationTimeControl { get; init; }

    /// <summary>Whether a failover is running.</summary>
    [JsonProperty("failoverInProgress")] public bool? FailoverInProgress { get; init; }

    /// <summary>Whether the cluster currently runs in its DR region.</summary>
    [JsonProperty("isFailedOver")] public bool? IsFailedOver { get; init; }

    /// <summary>Whether the cluster is limited.</summary>
    [JsonProperty("isLimited")] public bool? IsLimited { get; init; }

    /// <summary>Whether public egress is disabled (AWS).</summary>
    [JsonProperty("isPrivateNetworkEgressEnabled")] public bool? IsPrivateNetworkEgressEnabled { get; init; }

    /// <summary>The cluster's health.</summary>
    [JsonProperty("healthStatus")] public ClusterHealthStatus? HealthStatus { get; init; }

    /// <summary>Network metadata.</summary>
    [JsonProperty("metadata")] public ClusterMetadata? Metadata { get; init; }

    /// <summary>The node pools.</summary>
    [JsonProperty("nodePools")] public IReadOnlyList<NodePool>? NodePools { get; init; }

    /// <summary>Kubernetes tags. Responses call them <c>tags</c>, requests <c>k8sTags</c> (§11.12).</summary>
    [JsonProperty("tags")] public IReadOnlyList<ClusterK8sTag>? Tags { get; init; }

    /// <summary>The workspaces authorised to use the cluster.</summary>
    [JsonProperty("workspaceIds")] public IReadOnlyList<string>? WorkspaceIds { get; init; }
}

/// <summary>A cluster's health (§5.1).</summary>
public sealed class ClusterHealthStatus
{
    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN.</summary>
    [JsonProperty("value")] public ClusterHealthValue Value { get; init; }

    /// <summary>Per-component details.</summary>
    [JsonProperty("details")] public IReadOnlyList<ClusterHealthStatusDetail>? Details { get; init; }
}

/// <summary>One component's health (§5.1).</summary>
public sealed class ClusterHealthStatusDetail
{
    /// <summary>The component health code.</summary>
    [JsonProperty("code")] public string Code { get; init; } = "";

    /// <summary>What is wrong or right.</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";

    /// <summary>The weight of the finding.</summary>
    [JsonProperty("severity")] public string Severity { get; init; } = "";

    /// <summary>The component.</summary>
    [JsonProperty("component")] public string? Component { get; init; }
}

/// <summary>A cluster's network metadata (§5.1).</summary>
public sealed class ClusterMetadata
{
    /// <summary>Egress IP addresses.</summary>
    [JsonProperty("externalIPs")] public IReadOnlyList<string>? ExternalIps { get; init; }

    /// <summary>The kube-dns IP.</summary>
    [JsonProperty("kubeDnsIp")] public string? KubeDnsIp { get; init; }

    /// <summary>The OIDC issuer URL.</summary>
    [JsonProperty("oidcIssuerUrl")] public string? OidcIssuerUrl { get; init; }
}

/// <summary>A node pool of a cluster (§5.2).</summary>
public sealed class NodePool
{
    /// <summary>The node pool id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The node pool name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The cluster id.</summary>
    [JsonProperty("clusterId")] public string ClusterId { get; init; } = "";

    /// <summary>The cloud provider.</summary>
    [JsonProperty("cloudProvider")] public CloudProvider CloudProvider { get; init; }

    /// <summary>Whether this is the cluster's default pool.</summary>
    [JsonProperty("isDefault")] public bool IsDefault { get; init; }

    /// <summary>The maximum number of nodes.</summary>
    [JsonProperty("maxNodeCount")] public int MaxNodeCount { get; init; }

    /// <summary>The node instance type, e.g. <c>t3.medium</c>.</summary>
    [JsonProperty("nodeInstanceType")] public string NodeInstanceType { get; init; } = "";

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The worker machines the pool supports (hosted dedicated clusters only).</summary>
    [JsonProperty("supportedAstroMachines")] public IReadOnlyList<string>? SupportedAstroMachines { get; init; }
}

/// <summary>A Kubernetes tag on a cluster (§4.5, ClusterK8sTag); used in requests and responses.</summary>
public sealed class ClusterK8sTag
{
    /// <summary>The tag key.</summary>
    [JsonProperty("key")] public string? Key { get; init; }

    /// <summary>The tag value.</summary>
    [JsonProperty("value")] public string? Value { get; init; }
}

/// <summary>One page of clusters (§1.3).</summary>
public sealed class ClustersPaginated : IPage<Cluster>
{
    /// <summary>The clusters on this page.</summary>
    [JsonProperty("clusters")] public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many clusters match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Cluster> IPage<Cluster>.Items => Clusters;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListClustersAsync"/> (§1.3).</summary>
public sealed class ListClustersQuery : PageQuery
{
    /// <summary>Only clusters with these names.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Only clusters of this cloud provider.</summary>
    public CloudProvider? Provider { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}
