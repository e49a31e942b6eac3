using static Pulumi.Astro.Simulator.Validation.F;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>The request types of API fact sheet §4, as tables. Semantic rules (§8) live in the endpoint handlers.</summary>
internal static class Specs
{
    private static FieldSpec Quantity(string name) => Str(name).Fmt(Formats.Quantity);
    private static FieldSpec Cidr(string name) => Str(name).Fmt(Formats.Cidr);

    // §4.3 worker queues.
    private static readonly FieldSpec[] QueueCommon =
    [
        Str("id"),
        Str("name").Req().Len(63),
        Bool("isDefault").Req(),
        Int("minWorkerCount").Req().Range(0, Catalog.MinWorkersCeiling),
        Int("maxWorkerCount").Req().Range(1, Catalog.MaxWorkersCeiling),
        Int("workerConcurrency").Req().Range(1, Catalog.ConcurrencyCeiling),
    ];

    public static readonly ObjectSpec WorkerQueue = new("WorkerQueueRequest",
        [.. QueueCommon, Str("astroMachine").Req().OneOf(Catalog.AstroMachines), Quantity("podEphemeralStorage")]);

    public static readonly ObjectSpec HybridWorkerQueue = new("HybridWorkerQueueRequest", [.. QueueCommon, Str("nodePoolId").Req()]);

    public static readonly ObjectSpec UpdateWorkerQueue = new("UpdateWorkerQueueRequest",
        [.. QueueCommon, Str("astroMachine").OneOf(Catalog.AstroMachines), Str("nodePoolId"), Quantity("podEphemeralStorage")]);

    // §4.4 nested objects.
    public static readonly ObjectSpec EnvironmentVariable = new("DeploymentEnvironmentVariableRequest",
        [Str("key").Req().Len(255), Bool("isSecret").Req(), Str("value")]);

    public static readonly ObjectSpec HibernationSchedule = new("DeploymentHibernationSchedule",
        [Str("hibernateAtCron").Req().Fmt(Formats.Cron), Str("wakeAtCron").Req().Fmt(Formats.Cron), Bool("isEnabled").Req(), Str("description").Len(200)]);

    public static readonly ObjectSpec HibernationOverrideInSpec = new("DeploymentHibernationOverrideRequest",
        [Bool("isHibernating"), Str("overrideUntil").Fmt(Formats.Timestamp)]);

    public static readonly ObjectSpec HibernationSpec = new("DeploymentHibernationSpecRequest",
        [Obj("override", HibernationOverrideInSpec), ObjArr("schedules", HibernationSchedule).Count(1, 10)]);

    public static readonly ObjectSpec ScalingSpec = new("DeploymentScalingSpecRequest", [Obj("hibernationSpec", HibernationSpec)]);

    public static readonly ObjectSpec RemoteExecution = new("DeploymentRemoteExecutionRequest",
        [Bool("enabled").Req(), Arr("allowedIpAddressRanges", Cidr("item")), Str("taskLogBucket"), Str("taskLogUrlPattern")]);

    public static readonly ObjectSpec CreateScheduler = new("CreateDeploymentInstanceSpecRequest",
        [Int("au").Range(5, 24), Int("replicas").Range(1, 4)]);

    public static readonly ObjectSpec UpdateScheduler = new("UpdateDeploymentInstanceSpecRequest",
        [Int("au").Req().Range(5, 24), Int("replicas").Req().Range(1, 4)]);

    // §4.1 CreateDeploymentRequest, keyed by `type` (§3).
    private static readonly FieldSpec[] CreateCommon =
    [
        Str("type").OneOf(Catalog.DeploymentTypes),
        Str("name").Req().Len(100),
        Str("workspaceId").Req(),
        Str("description").Len(1000),
        Str("astroRuntimeVersion"),
        Str("clusterId"),
        Bool("isCicdEnforced"),
        Bool("isDagDeployEnabled"),
        ObjArr("environmentVariables", EnvironmentVariable),
        Arr("contactEmails", Str("item").Fmt(Formats.Email)),
        Str("workloadIdentity"),
        Str("drWorkloadIdentity"),
    ];

    private static readonly FieldSpec[] HostedCreate =
    [
        Str("executor").OneOf(Catalog.Executors),
        Bool("isDevelopmentMode"),
        Bool("isHighAvailability"),
        Str("schedulerSize").OneOf(Catalog.SchedulerSizes),
        Quantity("defaultTaskPodCpu"),
        Quantity("defaultTaskPodMemory"),
        Quantity("resourceQuotaCpu"),
        Quantity("resourceQuotaMemory"),
        ObjArr("workerQueues", WorkerQueue),
        Obj("scalingSpec", ScalingSpec),
        Obj("remoteExecution", RemoteExecution),
    ];

    public static readonly ObjectSpec CreateDedicatedDeployment = new("CreateDedicatedDeploymentRequest", [.. CreateCommon, .. HostedCreate]);

    public static readonly ObjectSpec CreateStandardDeployment = new("CreateStandardDeploymentRequest",
        [.. CreateCommon, .. HostedCreate, Str("cloudProvider").OneOf(Catalog.CloudProviders), Str("region")]);

    public static readonly ObjectSpec CreateHybridDeployment = new("CreateHybridDeploymentRequest",
    [
        .. CreateCommon,
        Str("executor").OneOf(Catalog.HybridExecutors),
        Obj("scheduler", CreateScheduler),
        Str("taskPodNodePoolId"),
        ObjArr("workerQueues", HybridWorkerQueue),
    ]);

    // §4.2 UpdateDeploymentRequest: full replacement, keyed by `type`.
    private static readonly FieldSpec[] UpdateCommon =
    [
        Str("type").Req().OneOf(Catalog.DeploymentTypes),
        Str("name").Req().Len(100),
        Str("workspaceId").Req(),
        Bool("isCicdEnforced").Req(),
        Bool("isDagDeployEnabled").Req(),
        ObjArr("environmentVariables", EnvironmentVariable).Req(),
        Str("description").Len(1000),
        Arr("contactEmails", Str("item").Fmt(Formats.Email)),
        ObjArr("workerQueues", UpdateWorkerQueue),
        Str("workloadIdentity"),
        Str("drWorkloadIdentity"),
    ];

    private static readonly FieldSpec[] HostedUpdate =
    [
        Str("executor").Req().OneOf(Catalog.Executors),
        Bool("isHighAvailability").Req(),
        Str("schedulerSize").Req().OneOf(Catalog.SchedulerSizes),
        Bool("isDevelopmentMode"),
        Quantity("defaultTaskPodCpu"),
        Quantity("defaultTaskPodMemory"),
        Quantity("resourceQuotaCpu"),
        Quantity("resourceQuotaMemory"),
        Obj("scalingSpec", ScalingSpec),
        Obj("remoteExecution", RemoteExecution),
    ];

    public static readonly ObjectSpec UpdateDedicatedDeployment = new("UpdateDedicatedDeploymentRequest", [.. UpdateCommon, .. HostedUpdate]);
    public static readonly ObjectSpec UpdateStandardDeployment = new("UpdateStandardDeploymentRequest", [.. UpdateCommon, .. HostedUpdate]);

    public static readonly ObjectSpec UpdateHybridDeployment = new("UpdateHybridDeploymentRequest",
    [
        .. UpdateCommon,
        Str("executor").Req().OneOf(Catalog.HybridExecutors),
        Obj("scheduler", UpdateScheduler).Req(),
        Str("taskPodNodePoolId"),
    ]);

    // §4.5 CreateClusterRequest, keyed by `cloudProvider`.
    public static readonly ObjectSpec CreateNodePool = new("CreateNodePoolRequest",
        [Str("name").Req().Len(63), Str("nodeInstanceType").Req(), Int("maxNodeCount").Req().Range(1, 1000), Bool("isDefault")]);

    public static readonly ObjectSpec UpdateNodePool = new("UpdateNodePoolRequest",
        [Str("id"), Str("name").Req().Len(63), Str("nodeInstanceType").Req(), Int("maxNodeCount").Req().Range(1, 1000), Bool("isDefault")]);

    public static readonly ObjectSpec K8sTag = new("ClusterK8sTag", [Str("key"), Str("value")]);

    private static readonly FieldSpec[] ClusterCommon =
    [
        Str("cloudProvider").Req().OneOf(Catalog.CloudProviders),
        Str("type").Req().OneOf(Catalog.ClusterTypes),
        Str("name").Req().Len(100),
        Str("region").Req(),
        Cidr("vpcSubnetRange").Req(),
        Str("providerAccount"),
        Str("dbInstanceType"),
        ObjArr("nodePools", CreateNodePool),
        ObjArr("k8sTags", K8sTag),
        StrArr("workspaceIds"),
        Str("drRegion"),
        Cidr("drVpcSubnetRange"),
        Bool("enableReplicationTimeControl"),
    ];

    public static readonly ObjectSpec CreateAwsCluster = new("CreateAwsClusterRequest",
        [.. ClusterCommon, Cidr("secondaryVpcCidr"), Bool("isPrivateNetworkEgressEnabled"), Cidr("drSecondaryVpcCidr")]);

    public static readonly ObjectSpec CreateAzureCluster = new("CreateAzureClusterRequest", [.. ClusterCommon, Str("tenantId")]);

    public static readonly ObjectSpec CreateGcpCluster = new("CreateGcpClusterRequest",
    [
        .. ClusterCommon,
        Cidr("podSubnetRange").Req(),
        Cidr("serviceSubnetRange").Req(),
        Cidr("servicePeeringRange").Req(),
        Cidr("drPodSubnetRange"),
        Cidr("drServiceSubnetRange"),
        Cidr("drServicePeeringRange"),
    ]);

    // §4.6 UpdateClusterRequest, keyed by `clusterType`.
    public static readonly ObjectSpec UpdateDedicatedCluster = new("UpdateDedicatedClusterRequest",
    [
        Str("clusterType").OneOf(Catalog.ClusterTypes),
        StrArr("workspaceIds"),
        Str("name").Req().Len(100),
        ObjArr("k8sTags", K8sTag).Req(),
        ObjArr("nodePools", UpdateNodePool),
        Str("dbInstanceType"),
        Bool("enableDr"),
        Str("drRegion"),
        Cidr("drVpcSubnetRange"),
        Cidr("drPodSubnetRange"),
        Cidr("drServiceSubnetRange"),
        Cidr("drServicePeeringRange"),
        Bool("enableReplicationTimeControl"),
        Bool("isFailedOver"),
        Bool("isPrivateNetworkEgressEnabled"),
    ]);

    public static readonly ObjectSpec UpdateHybridCluster = new("UpdateHybridClusterRequest",
        [Str("clusterType").Req().OneOf(Catalog.ClusterTypes), StrArr("workspaceIds")]);

    // §4.7 deploys and hibernation.
    public static readonly ObjectSpec DeployGit = new("CreateDeployGitRequest",
    [
        Str("provider").Req().OneOf(Catalog.GitProviders),
        Str("commitSha").Req(),
        Str("account"), Str("repo"), Str("remoteUrl"), Str("branch"), Str("path"), Str("commitUrl"),
        Str("authorName"), Str("authorUsername"), Str("authorUrl"), Str("beforeCommitSha"),
    ]);

    public static readonly ObjectSpec CreateDeploy = new("CreateDeployRequest",
    [
        Str("type").Req().OneOf(Catalog.CreateDeployTypes),
        Str("description").Len(500),
        Obj("git", DeployGit),
        Str("bundleMountPath"),
        Str("bundleType"),
    ]);

    public static readonly ObjectSpec UpdateDeploy = new("UpdateDeployRequest", [Str("description").Len(500)]);

    public static readonly ObjectSpec FinalizeDeploy = new("FinalizeDeployRequest", [Str("dagTarballVersion"), Str("bundleTarballVersion")]);

    public static readonly ObjectSpec RollbackDeploy = new("DeployRollbackRequest", [Str("description").Len(500)]);

    public static readonly ObjectSpec HibernationOverride = new("OverrideDeploymentHibernationBody",
        [Bool("isHibernating").Req(), Str("overrideUntil").Fmt(Formats.Timestamp)]);

    static Specs()
    {
        Union(("DEDICATED deployments", CreateDedicatedDeployment), ("HYBRID deployments", CreateHybridDeployment), ("STANDARD deployments", CreateStandardDeployment));
        Union(("DEDICATED deployments", UpdateDedicatedDeployment), ("HYBRID deployments", UpdateHybridDeployment), ("STANDARD deployments", UpdateStandardDeployment));
        Union(("AWS clusters", CreateAwsCluster), ("AZURE clusters", CreateAzureCluster), ("GCP clusters", CreateGcpCluster));
        Union(("DEDICATED clusters", UpdateDedicatedCluster), ("HYBRID clusters", UpdateHybridCluster));
        Union(("hosted worker queues", WorkerQueue), ("HYBRID worker queues", HybridWorkerQueue));
    }
}
