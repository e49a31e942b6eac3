using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>What a deployment may be configured with (API fact sheet §5.9, DeploymentOptions).</summary>
public sealed class DeploymentOptions
{
    /// <summary>The executors offered.</summary>
    [JsonProperty("executors")] public IReadOnlyList<string> Executors { get; init; } = [];

    /// <summary>Runtime releases; element 0 is the latest, as the Terraform provider reads it.</summary>
    [JsonProperty("runtimeReleases")] public IReadOnlyList<RuntimeRelease> RuntimeReleases { get; init; } = [];

    /// <summary>Scheduler sizes and their specs.</summary>
    [JsonProperty("schedulerMachines")] public IReadOnlyList<SchedulerMachine> SchedulerMachines { get; init; } = [];

    /// <summary>Worker machines, their specs and concurrency ranges.</summary>
    [JsonProperty("workerMachines")] public IReadOnlyList<WorkerMachine> WorkerMachines { get; init; } = [];

    /// <summary>Worker queue bounds.</summary>
    [JsonProperty("workerQueues")] public WorkerQueueOptions WorkerQueues { get; init; } = new();

    /// <summary>Default pod size and quota bounds.</summary>
    [JsonProperty("resourceQuotas")] public ResourceQuotaOptions ResourceQuotas { get; init; } = new();

    /// <summary>Workload identities that may be chosen.</summary>
    [JsonProperty("workloadIdentityOptions")] public IReadOnlyList<WorkloadIdentityOption>? WorkloadIdentityOptions { get; init; }
}

/// <summary>An Astro Runtime release (§5.9).</summary>
public sealed class RuntimeRelease
{
    /// <summary>The runtime version.</summary>
    [JsonProperty("version")] public string Version { get; init; } = "";

    /// <summary>The Airflow version it ships.</summary>
    [JsonProperty("airflowVersion")] public string AirflowVersion { get; init; } = "";

    /// <summary>The release channel.</summary>
    [JsonProperty("channel")] public string Channel { get; init; } = "";

    /// <summary>When it was released.</summary>
    [JsonProperty("releaseDate")] public DateTimeOffset ReleaseDate { get; init; }

    /// <summary>Whether upgrading migrates the Airflow database.</summary>
    [JsonProperty("airflowDatabaseMigration")] public bool AirflowDatabaseMigration { get; init; }

    /// <summary>Whether upgrading migrates Astronomer's database.</summary>
    [JsonProperty("stellarDatabaseMigration")] public bool StellarDatabaseMigration { get; init; }
}

/// <summary>A scheduler size and its spec (§5.9).</summary>
public sealed class SchedulerMachine
{
    /// <summary>The size.</summary>
    [JsonProperty("name")] public SchedulerSize Name { get; init; }

    /// <summary>Its resources.</summary>
    [JsonProperty("spec")] public MachineSpec Spec { get; init; } = new();
}

/// <summary>A worker machine, its spec and concurrency range (§5.9).</summary>
public sealed class WorkerMachine
{
    /// <summary>The machine.</summary>
    [JsonProperty("name")] public AstroMachine Name { get; init; }

    /// <summary>Its resources.</summary>
    [JsonProperty("spec")] public MachineSpec Spec { get; init; } = new();

    /// <summary>The allowed worker concurrency.</summary>
    [JsonProperty("concurrency")] public NumericRange Concurrency { get; init; } = new();
}

/// <summary>A machine's resources (§5.9, MachineSpec).</summary>
public sealed class MachineSpec
{
    /// <summary>Cores.</summary>
    [JsonProperty("cpu")] public string Cpu { get; init; } = "";

    /// <summary>Memory.</summary>
    [JsonProperty("memory")] public string Memory { get; init; } = "";

    /// <summary>Ephemeral storage.</summary>
    [JsonProperty("ephemeralStorage")] public string? EphemeralStorage { get; init; }

    /// <summary>Default concurrency.</summary>
    [JsonProperty("concurrency")] public double? Concurrency { get; init; }
}

/// <summary>A numeric range with a default (§5.9, Range).</summary>
public sealed class NumericRange
{
    /// <summary>The least allowed value.</summary>
    [JsonProperty("floor")] public double Floor { get; init; }

    /// <summary>The default.</summary>
    [JsonProperty("default")] public double Default { get; init; }

    /// <summary>The greatest allowed value.</summary>
    [JsonProperty("ceiling")] public double Ceiling { get; init; }
}

/// <summary>A range of resource quantities such as <c>0.5Gi</c> (§5.9, ResourceRange).</summary>
public sealed class ResourceRange
{
    /// <summary>The least allowed quantity.</summary>
    [JsonProperty("floor")] public string Floor { get; init; } = "";

    /// <summary>The default.</summary>
    [JsonProperty("default")] public string Default { get; init; } = "";

    /// <summary>The greatest allowed quantity.</summary>
    [JsonProperty("ceiling")] public string Ceiling { get; init; } = "";
}

/// <summary>Worker queue bounds (§5.9).</summary>
public sealed class WorkerQueueOptions
{
    /// <summary>Bounds of <c>maxWorkerCount</c>.</summary>
    [JsonProperty("maxWorkers")] public NumericRange MaxWorkers { get; init; } = new();

    /// <summary>Bounds of <c>minWorkerCount</c>.</summary>
    [JsonProperty("minWorkers")] public NumericRange MinWorkers { get; init; } = new();

    /// <summary>Bounds of <c>workerConcurrency</c>.</summary>
    [JsonProperty("workerConcurrency")] public NumericRange WorkerConcurrency { get; init; } = new();
}

/// <summary>Default pod size and quota bounds (§5.9). The CLI fills omitted values from the defaults here.</summary>
public sealed class ResourceQuotaOptions
{
    /// <summary>Bounds of <c>defaultTaskPodCpu</c>/<c>defaultTaskPodMemory</c>.</summary>
    [JsonProperty("defaultPodSize")] public ResourceOption DefaultPodSize { get; init; } = new();

    /// <summary>Bounds of <c>resourceQuotaCpu</c>/<c>resourceQuotaMemory</c>.</summary>
    [JsonProperty("resourceQuota")] public ResourceOption ResourceQuota { get; init; } = new();
}

/// <summary>Cores and memory bounds (§5.9).</summary>
public sealed class ResourceOption
{
    /// <summary>Cores.</summary>
    [JsonProperty("cpu")] public ResourceRange Cpu { get; init; } = new();

    /// <summary>Memory.</summary>
    [JsonProperty("memory")] public ResourceRange Memory { get; init; } = new();
}

/// <summary>A workload identity that may be chosen (§5.9).</summary>
public sealed class WorkloadIdentityOption
{
    /// <summary>The label.</summary>
    [JsonProperty("label")] public string Label { get; init; } = "";

    /// <summary>The cloud role.</summary>
    [JsonProperty("role")] public string Role { get; init; } = "";
}

/// <summary>Which deployment options to read (§2, deployment-options query); every filter is optional.</summary>
public sealed class DeploymentOptionsQuery
{
    /// <summary>Options for this existing deployment.</summary>
    public string? DeploymentId { get; init; }

    /// <summary>Options for this deployment type.</summary>
    public DeploymentType? DeploymentType { get; init; }

    /// <summary>Options for this executor.</summary>
    public Executor? Executor { get; init; }

    /// <summary>Options for this cloud provider.</summary>
    public CloudProvider? CloudProvider { get; init; }
}

/// <summary>What a cluster of one cloud provider may be configured with (§5.9, ClusterOptions).</summary>
public sealed class ClusterOptions
{
    /// <summary>The cloud provider.</summary>
    [JsonProperty("provider")] public CloudProvider Provider { get; init; }

    /// <summary>The regions.</summary>
    [JsonProperty("regions")] public IReadOnlyList<ProviderRegion> Regions { get; init; } = [];

    /// <summary>The default region.</summary>
    [JsonProperty("defaultRegion")] public ProviderRegion? DefaultRegion { get; init; }

    /// <summary>Node instance types.</summary>
    [JsonProperty("nodeInstances")] public IReadOnlyList<ProviderInstanceType> NodeInstances { get; init; } = [];

    /// <summary>The default node instance type.</summary>
    [JsonProperty("defaultNodeInstance")] public ProviderInstanceType? DefaultNodeInstance { get; init; }

    /// <summary>Database instance types.</summary>
    [JsonProperty("databaseInstances")] public IReadOnlyList<ProviderInstanceType> DatabaseInstances { get; init; } = [];

    /// <summary>The default database instance type.</summary>
    [JsonProperty("defaultDatabaseInstance")] public ProviderInstanceType? DefaultDatabaseInstance { get; init; }

    /// <summary>The default VPC CIDR.</summary>
    [JsonProperty("defaultVpcSubnetRange")] public string DefaultVpcSubnetRange { get; init; } = "";

    /// <summary>The default pod CIDR (GCP).</summary>
    [JsonProperty("defaultPodSubnetRange")] public string? DefaultPodSubnetRange { get; init; }

    /// <summary>The default service CIDR (GCP).</summary>
    [JsonProperty("defaultServiceSubnetRange")] public string? DefaultServiceSubnetRange { get; init; }

    /// <summary>The default service peering CIDR (GCP).</summary>
    [JsonProperty("defaultServicePeeringRange")] public string? DefaultServicePeeringRange { get; init; }

    /// <summary>The least node count.</summary>
    [JsonProperty("nodeCountMin")] public int NodeCountMin { get; init; }

    /// <summary>The greatest node count.</summary>
    [JsonProperty("nodeCountMax")] public int NodeCountMax { get; init; }

    /// <summary>The default node count.</summary>
    [JsonProperty("nodeCountDefault")] public int NodeCountDefault { get; init; }
}

/// <summary>A region of a cloud provider (§5.9).</summary>
public sealed class ProviderRegion
{
    /// <summary>The region name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>Whether the region is limited.</summary>
    [JsonProperty("limited")] public bool? Limited { get; init; }

    /// <summary>Where the region is.</summary>
    [JsonProperty("location")] public string? Location { get; init; }

    /// <summary>Instance types not offered in the region.</summary>
    [JsonProperty("bannedInstances")] public IReadOnlyList<string>? BannedInstances { get; init; }
}

/// <summary>A node or database instance type (§5.9).</summary>
public sealed class ProviderInstanceType
{
    /// <summary>The instance type name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>Cores.</summary>
    [JsonProperty("cpu")] public int Cpu { get; init; }

    /// <summary>Memory.</summary>
    [JsonProperty("memory")] public string Memory { get; init; } = "";
}

/// <summary>Which cluster options to read (§2, cluster-options query).</summary>
public sealed class ClusterOptionsQuery
{
    /// <summary>DEDICATED or HYBRID; required.</summary>
    public required ClusterType Type { get; init; }

    /// <summary>Only this provider's options.</summary>
    public CloudProvider? Provider { get; init; }
}
