using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Cluster's property table: schema, checks, diff and marshalling all read it (API fact sheet §4.5, §4.6, §5.1, §5.2).</summary>
public sealed partial class Cluster
{
    public static readonly EnumType ClusterTypeEnum = P.EnumOf("astro:index:ClusterType", "Who runs a cluster's infrastructure.",
        ("DEDICATED", "A cluster Astro runs for the organization in Astro's cloud account."),
        ("HYBRID", "A cluster in the customer's own cloud account (needs providerAccount and dbInstanceType)."));

    public static readonly ObjectType NodePoolType = new("astro:index:ClusterNodePool",
        "A node pool of a cluster, matched by name: a pool that keeps its name is updated in place.",
    [
        P.Str("name", "The pool's name, 1 to 63 characters, unique in the cluster.").Req(),
        P.Str("nodeInstanceType", "The node instance type, e.g. `m5.xlarge` (cluster-options lists them).").Req(),
        P.Int("maxNodeCount", "The most nodes the pool scales to (1 or more).").Req().Range(1, 1000),
        P.Bool("isDefault", "Whether this is the cluster's default pool; at most one is. Left out everywhere, the first pool is the default, as Astro does."),
    ]) { Key = "name" };

    public static readonly ObjectType K8sTagType = new("astro:index:ClusterK8sTag", "A Kubernetes tag on the cluster's resources.",
    [
        P.Str("key", "The tag key; unique in the cluster.").Req(),
        P.Str("value", "The tag value."),
    ]) { Key = "key" };

    public static readonly ObjectType HealthDetailType = new("astro:index:ClusterHealthDetail", "One component's health finding.",
    [
        P.Str("code", "The component health code."),
        P.Str("description", "What was found."),
        P.Str("severity", "The weight of the finding."),
        P.Str("component", "The component."),
    ]);

    public static readonly ObjectType HealthStatusType = new("astro:index:ClusterHealthStatus", "A cluster's health.",
    [
        P.Str("value", "HEALTHY, UNHEALTHY or UNKNOWN."),
        P.ObjList("details", HealthDetailType, "Per-component findings."),
    ]);

    public static readonly ObjectType MetadataType = new("astro:index:ClusterMetadata", "A cluster's network metadata.",
    [
        P.StrList("externalIps", "Egress IP addresses (the API's `externalIPs`)."),
        P.Str("kubeDnsIp", "The kube-dns IP address."),
        P.Str("oidcIssuerUrl", "The OIDC issuer URL for workload identity federation."),
    ]);

    public static readonly ObjectType NodePoolDetailType = new("astro:index:ClusterNodePoolDetail", "A node pool as Astro reports it (§5.2).",
    [
        P.Str("id", "The node pool id (e.g. for a HYBRID Deployment's `taskPodNodePoolId` or a queue's `nodePoolId`)."),
        P.Str("name", "The pool's name."),
        P.Str("nodeInstanceType", "The node instance type."),
        P.Int("maxNodeCount", "The most nodes the pool scales to."),
        P.Bool("isDefault", "Whether this is the cluster's default pool."),
        P.StrList("supportedAstroMachines", "The worker machines the pool supports (DEDICATED clusters)."),
        P.Str("createdAt", "When it was created (RFC 3339)."),
        P.Str("updatedAt", "When it was last updated (RFC 3339)."),
    ]);

    // Inputs (§4.5). Replacements follow §9; the DR fields replace only sometimes, so Diff decides for them (see Cluster.Diff).
    public static readonly Prop CloudProvider = P.Enum("cloudProvider", Deployment.CloudProviderEnum, "AWS, AZURE or GCP.").Req().Replaces();
    public static readonly Prop TypeProp = P.Enum("type", ClusterTypeEnum, "DEDICATED or HYBRID.").Req().Replaces();
    public static readonly Prop Name = P.Str("name",
        "The cluster's name. Defaults to the Pulumi resource name. It changes in place on DEDICATED clusters; a HYBRID cluster's update can only change its workspaces, so it replaces.").Len(100);
    public static readonly Prop Region = P.Str("region", "The cloud region, e.g. `us-east-1`.").Req().Replaces();
    public static readonly Prop VpcSubnetRange = P.Str("vpcSubnetRange", "The VPC CIDR, e.g. `172.20.0.0/19`.").Req().Replaces();
    public static readonly Prop PodSubnetRange = P.Str("podSubnetRange", "The pod CIDR (GCP, where it is required), e.g. `172.21.0.0/19`.").Replaces();
    public static readonly Prop ServiceSubnetRange = P.Str("serviceSubnetRange", "The service CIDR (GCP, where it is required), e.g. `172.22.0.0/22`.").Replaces();
    public static readonly Prop ServicePeeringRange = P.Str("servicePeeringRange", "The service peering CIDR (GCP, where it is required), e.g. `172.23.0.0/20`.").Replaces();
    public static readonly Prop SecondaryVpcCidr = P.Str("secondaryVpcCidr", "The AWS pod CIDR, a /16 to a /20 (AWS only). It cannot be changed once set: a change replaces the cluster.").Replaces();
    public static readonly Prop TenantId = P.Str("tenantId", "The Azure tenant (AZURE only).").Replaces();
    public static readonly Prop ProviderAccount = P.Str("providerAccount", "The cloud account to create the cluster in; required for HYBRID.").Replaces();
    public static readonly Prop DbInstanceType = P.Str("dbInstanceType",
        "The metadata database instance type, e.g. `db.t3.medium`; required for HYBRID. Left out, Astro picks one (shown in the outputs). Changes in place on DEDICATED clusters.").AstroDefault();
    public static readonly Prop NodePools = P.ObjList("nodePools", NodePoolType,
        "The node pools, matched by name. Left out, Astro creates a default pool and later updates keep the pools as they are.").Set().AstroDefault();
    public static readonly Prop K8sTags = P.ObjList("k8sTags", K8sTagType, "Kubernetes tags, the complete list (none when left out).")
        .Set().Def(PropertyValue.From(Array.Empty<PropertyValue>()));
    public static readonly Prop WorkspaceIds = P.StrList("workspaceIds", "The workspaces allowed to use the cluster, the complete list (none when left out).")
        .Set().Def(PropertyValue.From(Array.Empty<PropertyValue>()));
    public static readonly Prop IsPrivateNetworkEgressEnabled = P.Bool("isPrivateNetworkEgressEnabled",
        "Disables public egress (AWS only; false for a new cluster, and left as Astro has it when left out). Changes in place.").AstroDefault();
    public static readonly Prop DrRegion = P.Str("drRegion",
        "The disaster-recovery region. Setting it turns DR on (the create request has no other DR switch); removing it turns DR off in place. " +
        "Changing it replaces the cluster, and so does turning DR on later, except on AZURE DEDICATED clusters where the update API can enable DR.");
    public static readonly Prop DrVpcSubnetRange = P.Str("drVpcSubnetRange",
        "The DR VPC CIDR (DR only); defaults to vpcSubnetRange, as Astro does. It cannot be changed once set: a change replaces the cluster.").AstroDefault();
    public static readonly Prop DrSecondaryVpcCidr = P.Str("drSecondaryVpcCidr",
        "The DR pod CIDR (AWS with DR only); defaults to secondaryVpcCidr, as Astro does. It cannot be changed once set: a change replaces the cluster.").AstroDefault();
    public static readonly Prop DrPodSubnetRange = P.Str("drPodSubnetRange", "The DR pod CIDR (GCP with DR, where it is required). Changes in place.");
    public static readonly Prop DrServiceSubnetRange = P.Str("drServiceSubnetRange", "The DR service CIDR (GCP with DR, where it is required). Changes in place.");
    public static readonly Prop DrServicePeeringRange = P.Str("drServicePeeringRange", "The DR service peering CIDR (GCP with DR, where it is required). Changes in place.");
    public static readonly Prop EnableReplicationTimeControl = P.Bool("enableReplicationTimeControl",
        "Whether replication of DR task logs gets a time SLA (DR only). Changes in place. Left out, Astro's value is kept.").AstroDefault();

    // Computed outputs (§5.1).
    public static readonly Prop Status = P.Str("status",
        "CREATING, CREATED, CREATE_FAILED, UPDATING, UPDATE_FAILED, UPGRADE_PENDING, FAILING_OVER, FAILOVER_FAILED or ACCESS_DENIED.").Out().Always();
    public static readonly Prop HealthStatus = P.Obj("healthStatus", HealthStatusType, "The cluster's health and its findings.").Out();
    public static readonly Prop OrganizationId = P.Str("organizationId", "The organization id.").Out().Always().Stays();
    public static readonly Prop IsDrEnabled = P.Bool("isDrEnabled", "Whether disaster recovery is on.").Out().Always();
    public static readonly Prop FailoverInProgress = P.Bool("failoverInProgress", "Whether a DR failover is running.").Out();
    public static readonly Prop IsFailedOver = P.Bool("isFailedOver", "Whether the cluster runs in its DR region now.").Out();
    public static readonly Prop IsLimited = P.Bool("isLimited", "Whether the cluster is limited.").Out();
    public static readonly Prop Metadata = P.Obj("metadata", MetadataType, "Network metadata: egress IPs, kube-dns IP, OIDC issuer.").Out().Stays();
    public static readonly Prop NodePoolDetails = P.ObjList("nodePoolDetails", NodePoolDetailType, "The node pools as Astro reports them, with their ids.").Out();
    public static readonly Prop CreatedAt = P.Str("createdAt", "When it was created (RFC 3339).").Out().Always().Stays();
    public static readonly Prop UpdatedAt = P.Str("updatedAt", "When it was last updated (RFC 3339).").Out().Always();

    /// <summary>The DR fields: allowed only when DR is on (drRegion set), §8.</summary>
    internal static readonly Prop[] DrFields =
        [DrVpcSubnetRange, DrSecondaryVpcCidr, DrPodSubnetRange, DrServiceSubnetRange, DrServicePeeringRange, EnableReplicationTimeControl];

    public static readonly ResourceType Schema = new("astro:index:Cluster",
        "An Astro cluster (DEDICATED or HYBRID) on AWS, AZURE or GCP. Create and update wait until it is CREATED (3 h by default; " +
        "customTimeouts override it); a cluster that fails is kept in state with its id. Updates and deletes that meet a running " +
        "workflow (409) are retried until the timeout. Import with its id.",
    [
        CloudProvider, TypeProp, Name, Region, VpcSubnetRange, PodSubnetRange, ServiceSubnetRange, ServicePeeringRange, SecondaryVpcCidr,
        TenantId, ProviderAccount, DbInstanceType, NodePools, K8sTags, WorkspaceIds, IsPrivateNetworkEgressEnabled, DrRegion,
        DrVpcSubnetRange, DrSecondaryVpcCidr, DrPodSubnetRange, DrServiceSubnetRange, DrServicePeeringRange, EnableReplicationTimeControl,
        Status, HealthStatus, OrganizationId, IsDrEnabled, FailoverInProgress, IsFailedOver, IsLimited, Metadata, NodePoolDetails,
        CreatedAt, UpdatedAt,
    ]);

    public override ResourceType Type => Schema;
}
