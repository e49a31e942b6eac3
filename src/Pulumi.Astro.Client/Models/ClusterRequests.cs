using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// The body of a cluster create (API fact sheet §4.5): a union keyed by <c>cloudProvider</c>, not by <c>type</c>
/// (§3). Each variant writes its own provider, so a caller cannot send a mismatched one.
/// </summary>
public abstract class CreateClusterRequest
{
    private protected CreateClusterRequest(CloudProvider cloudProvider) => CloudProvider = cloudProvider;

    /// <summary>The discriminator: the variant's cloud provider.</summary>
    [JsonProperty("cloudProvider", Order = -2)] public CloudProvider CloudProvider { get; }

    /// <summary>DEDICATED or HYBRID.</summary>
    [JsonProperty("type")] public required ClusterType Type { get; init; }

    /// <summary>The cluster name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The region, e.g. <c>us-east-1</c>.</summary>
    [JsonProperty("region")] public required string Region { get; init; }

    /// <summary>The VPC CIDR, e.g. <c>172.20.0.0/22</c>.</summary>
    [JsonProperty("vpcSubnetRange")] public required string VpcSubnetRange { get; init; }

    /// <summary>The cloud account to create in; required for HYBRID.</summary>
    [JsonProperty("providerAccount")] public string? ProviderAccount { get; init; }

    /// <summary>The database instance type; required for HYBRID (e.g. <c>db.t3.medium</c>).</summary>
    [JsonProperty("dbInstanceType")] public string? DbInstanceType { get; init; }

    /// <summary>Node pools to create.</summary>
    [JsonProperty("nodePools")] public IReadOnlyList<CreateNodePoolRequest>? NodePools { get; init; }

    /// <summary>Kubernetes tags.</summary>
    [JsonProperty("k8sTags")] public IReadOnlyList<ClusterK8sTag>? K8sTags { get; init; }

    /// <summary>The workspaces authorised to use the cluster.</summary>
    [JsonProperty("workspaceIds")] public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>The DR secondary region.</summary>
    [JsonProperty("drRegion")] public string? DrRegion { get; init; }

    /// <summary>The DR VPC CIDR; defaults to the primary range.</summary>
    [JsonProperty("drVpcSubnetRange")] public string? DrVpcSubnetRange { get; init; }

    /// <summary>Whether DR task-log replication gets a time SLA.</summary>
    [JsonProperty("enableReplicationTimeControl")] public bool? EnableReplicationTimeControl { get; init; }
}

/// <summary>Creates an AWS cluster (§4.5).</summary>
public sealed class CreateAwsClusterRequest() : CreateClusterRequest(CloudProvider.Aws)
{
    /// <summary>The AWS pod CIDR (a /16 to a /20).</summary>
    [JsonProperty("secondaryVpcCidr")] public string? SecondaryVpcCidr { get; init; }

    /// <summary>Disables public egress.</summary>
    [JsonProperty("isPrivateNetworkEgressEnabled")] public bool? IsPrivateNetworkEgressEnabled { get; init; }

    /// <summary>The DR secondary CIDR; defaults to the primary one.</summary>
    [JsonProperty("drSecondaryVpcCidr")] public string? DrSecondaryVpcCidr { get; init; }
}

/// <summary>Creates an Azure cluster (§4.5).</summary>
public sealed class CreateAzureClusterRequest() : CreateClusterRequest(CloudProvider.Azure)
{
    /// <summary>The Azure tenant.</summary>
    [JsonProperty("tenantId")] public string? TenantId { get; init; }
}

/// <summary>Creates a GCP cluster (§4.5); GCP needs the pod, service and service-peering ranges.</summary>
public sealed class CreateGcpClusterRequest() : CreateClusterRequest(CloudProvider.Gcp)
{
    /// <summary>The pod CIDR, e.g. <c>172.21.0.0/19</c>.</summary>
    [JsonProperty("podSubnetRange")] public required string PodSubnetRange { get; init; }

    /// <summary>The service CIDR, e.g. <c>172.22.0.0/22</c>. (The spec swaps this description with the next, §11.8.)</summary>
    [JsonProperty("serviceSubnetRange")] public required string ServiceSubnetRange { get; init; }

    /// <summary>The service peering CIDR, e.g. <c>172.23.0.0/20</c>.</summary>
    [JsonProperty("servicePeeringRange")] public required string ServicePeeringRange { get; init; }

    /// <summary>The DR pod CIDR.</summary>
    [JsonProperty("drPodSubnetRange")] public string? DrPodSubnetRange { get; init; }

    /// <summary>The DR service CIDR.</summary>
    [JsonProperty("drServiceSubnetRange")] public string? DrServiceSubnetRange { get; init; }

    /// <summary>The DR service peering CIDR.</summary>
    [JsonProperty("drServicePeeringRange")] public string? DrServicePeeringRange { get; init; }
}

/// <summary>A node pool to create with a cluster (§4.5, CreateNodePoolRequest).</summary>
public sealed class CreateNodePoolRequest
{
    /// <summary>The pool name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The node instance type.</summary>
    [JsonProperty("nodeInstanceType")] public required string NodeInstanceType { get; init; }

    /// <summary>The maximum number of nodes.</summary>
    [JsonProperty("maxNodeCount")] public required int MaxNodeCount { get; init; }

    /// <summary>Whether this is the default pool.</summary>
    [JsonProperty("isDefault")] public bool? IsDefault { get; init; }
}

/// <summary>
/// The body of a cluster update (§4.6): a union keyed by <c>clusterType</c> (§3). The client always sends the
/// discriminator, also for the dedicated variant where the spec marks it optional.
/// </summary>
public abstract class UpdateClusterRequest
{
    private protected UpdateClusterRequest(ClusterType clusterType) => ClusterType = clusterType;

    /// <summary>The discriminator: DEDICATED or HYBRID.</summary>
    [JsonProperty("clusterType", Order = -2)] public ClusterType ClusterType { get; }

    /// <summary>The authorised workspaces: null keeps the current list, empty removes every mapping.</summary>
    [JsonProperty("workspaceIds")] public IReadOnlyList<string>? WorkspaceIds { get; init; }
}

/// <summary>Updates a dedicated cluster (§4.6). Name and tags are required; send an empty tag list for none.</summary>
public sealed class UpdateDedicatedClusterRequest() : UpdateClusterRequest(ClusterType.Dedicated)
{
    /// <summary>The cluster name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The complete list of Kubernetes tags.</summary>
    [JsonProperty("k8sTags")] public required IReadOnlyList<ClusterK8sTag> K8sTags { get; init; }

    /// <summary>The node pools ("for Hybrid clusters only" per the spec, §11.17).</summary>
    [JsonProperty("nodePools")] public IReadOnlyList<UpdateNodePoolRequest>? NodePools { get; init; }

    /// <summary>The database instance type.</summary>
    [JsonProperty("dbInstanceType")] public string? DbInstanceType { get; init; }

    /// <summary><c>false</c> disables DR; enabling it on an existing cluster is an admin-API operation except on Azure.</summary>
    [JsonProperty("enableDr")] public bool? EnableDr { get; init; }

    /// <summary>The DR region.</summary>
    [JsonProperty("drRegion")] public string? DrRegion { get; init; }

    /// <summary>The DR VPC CIDR.</summary>
    [JsonProperty("drVpcSubnetRange")] public string? DrVpcSubnetRange { get; init; }

    /// <summary>The DR pod CIDR (GCP).</summary>
    [JsonProperty("drPodSubnetRange")] public string? DrPodSubnetRange { get; init; }

    /// <summary>The DR service CIDR (GCP).</summary>
    [JsonProperty("drServiceSubnetRange")] public string? DrServiceSubnetRange { get; init; }

    /// <summary>The DR service peering CIDR (GCP).</summary>
    [JsonProperty("drServicePeeringRange")] public string? DrServicePeeringRange { get; init; }

    /// <summary>Whether DR task-log replication gets a time SLA.</summary>
    [JsonProperty("enableReplicationTimeControl")] public bool? EnableReplicationTimeControl { get; init; }

    /// <summary><c>true</c> fails over to the DR region, <c>false</c> fails back.</summary>
    [JsonProperty("isFailedOver")] public bool? IsFailedOver { get; init; }

    /// <summary>Disables public egress (AWS).</summary>
    [JsonProperty("isPrivateNetworkEgressEnabled")] public bool? IsPrivateNetworkEgressEnabled { get; init; }
}

/// <summary>Updates a hybrid cluster (§4.6): only the workspace list can change.</summary>
public sealed class UpdateHybridClusterRequest() : UpdateClusterRequest(ClusterType.Hybrid);

/// <summary>A node pool in a cluster update (§4.6, UpdateNodePoolRequest): with an id it is changed, without one created.</summary>
public sealed class UpdateNodePoolRequest
{
    /// <summary>The pool to change; null creates a pool.</summary>
    [JsonProperty("id")] public string? Id { get; init; }

    /// <summary>The pool name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The node instance type.</summary>
    [JsonProperty("nodeInstanceType")] public required string NodeInstanceType { get; init; }

    /// <summary>The maximum number of nodes.</summary>
    [JsonProperty("maxNodeCount")] public required int MaxNodeCount { get; init; }

    /// <summary>Whether this is the default pool.</summary>
    [JsonProperty("isDefault")] public bool? IsDefault { get; init; }
}
