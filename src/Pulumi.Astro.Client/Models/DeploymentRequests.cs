using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// The body of a deployment create (API fact sheet §4.1): a union keyed by <c>type</c> (§3). The spec marks the
/// discriminator optional on create, but each variant always writes it, so Astro never has to guess.
/// </summary>
public abstract class CreateDeploymentRequest
{
    private protected CreateDeploymentRequest(DeploymentType type) => Type = type;

    /// <summary>The discriminator: DEDICATED, HYBRID or STANDARD.</summary>
    [JsonProperty("type", Order = -2)] public DeploymentType Type { get; }

    /// <summary>The deployment name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The workspace to create it in.</summary>
    [JsonProperty("workspaceId")] public required string WorkspaceId { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The Astro Runtime version; create-only. Astro picks the latest when it is not given.</summary>
    [JsonProperty("astroRuntimeVersion")] public string? AstroRuntimeVersion { get; init; }

    /// <summary>The target cluster: required in practice for DEDICATED and HYBRID; for STANDARD it wins over provider and region.</summary>
    [JsonProperty("clusterId")] public string? ClusterId { get; init; }

    /// <summary>The executor.</summary>
    [JsonProperty("executor")] public Executor? Executor { get; init; }

    /// <summary>Whether deploys must come from API tokens.</summary>
    [JsonProperty("isCicdEnforced")] public bool? IsCicdEnforced { get; init; }

    /// <summary>Whether DAG-only deploys are enabled.</summary>
    [JsonProperty("isDagDeployEnabled")] public bool? IsDagDeployEnabled { get; init; }

    /// <summary>The environment variables.</summary>
    [JsonProperty("environmentVariables")] public IReadOnlyList<DeploymentEnvironmentVariableRequest>? EnvironmentVariables { get; init; }

    /// <summary>Contact e-mail addresses.</summary>
    [JsonProperty("contactEmails")] public IReadOnlyList<string>? ContactEmails { get; init; }

    /// <summary>The desired cloud identity.</summary>
    [JsonProperty("workloadIdentity")] public string? WorkloadIdentity { get; init; }

    /// <summary>The desired cloud identity in the DR region.</summary>
    [JsonProperty("drWorkloadIdentity")] public string? DrWorkloadIdentity { get; init; }
}

/// <summary>The fields a hosted (dedicated or standard) deployment create adds (§4.1).</summary>
public abstract class CreateHostedDeploymentRequest : CreateDeploymentRequest
{
    private protected CreateHostedDeploymentRequest(DeploymentType type) : base(type)
    {
    }

    /// <summary>Whether this is a development deployment (hibernation, no uptime SLA).</summary>
    [JsonProperty("isDevelopmentMode")] public bool? IsDevelopmentMode { get; init; }

    /// <summary>Whether to run several scheduler pods.</summary>
    [JsonProperty("isHighAvailability")] public bool? IsHighAvailability { get; init; }

    /// <summary>The scheduler size.</summary>
    [JsonProperty("schedulerSize")] public SchedulerSize? SchedulerSize { get; init; }

    /// <summary>Default task pod cores, e.g. <c>0.5</c>; required unless remote execution is on.</summary>
    [JsonProperty("defaultTaskPodCpu")] public string? DefaultTaskPodCpu { get; init; }

    /// <summary>Default task pod memory, exactly twice the cores with an explicit <c>Gi</c>, e.g. <c>1Gi</c> (§8).</summary>
    [JsonProperty("defaultTaskPodMemory")] public string? DefaultTaskPodMemory { get; init; }

    /// <summary>Cores quota, e.g. <c>160</c>; required unless remote execution is on.</summary>
    [JsonProperty("resourceQuotaCpu")] public string? ResourceQuotaCpu { get; init; }

    /// <summary>Memory quota, exactly twice the cores, e.g. <c>320Gi</c> (§8).</summary>
    [JsonProperty("resourceQuotaMemory")] public string? ResourceQuotaMemory { get; init; }

    /// <summary>Worker queues; CELERY (and ASTRO without remote execution) need one named <c>default</c>.</summary>
    [JsonProperty("workerQueues")] public IReadOnlyList<WorkerQueueRequest>? WorkerQueues { get; init; }

    /// <summary>Hibernation configuration (development deployments only).</summary>
    [JsonProperty("scalingSpec")] public DeploymentScalingSpecRequest? ScalingSpec { get; init; }

    /// <summary>Remote execution settings.</summary>
    [JsonProperty("remoteExecution")] public DeploymentRemoteExecutionRequest? RemoteExecution { get; init; }
}

/// <summary>Creates a deployment on a dedicated cluster (§4.1).</summary>
public sealed class CreateDedicatedDeploymentRequest() : CreateHostedDeploymentRequest(DeploymentType.Dedicated);

/// <summary>Creates a deployment on shared infrastructure (§4.1): give a cloud provider and region, or a cluster id.</summary>
public sealed class CreateStandardDeploymentRequest() : CreateHostedDeploymentRequest(DeploymentType.Standard)
{
    /// <summary>The cloud provider; pair it with <see cref="Region"/>.</summary>
    [JsonProperty("cloudProvider")] public CloudProvider? CloudProvider { get; init; }

    /// <summary>The region; pair it with <see cref="CloudProvider"/>.</summary>
    [JsonProperty("region")] public string? Region { get; init; }
}

/// <summary>Creates a deployment on a hybrid cluster (§4.1).</summary>
public sealed class CreateHybridDeploymentRequest() : CreateDeploymentRequest(DeploymentType.Hybrid)
{
    /// <summary>Scheduler size in Astronomer units and replicas.</summary>
    [JsonProperty("scheduler")] public CreateDeploymentInstanceSpecRequest? Scheduler { get; init; }

    /// <summary>The node pool of task pods (KUBERNETES executor only).</summary>
    [JsonProperty("taskPodNodePoolId")] public string? TaskPodNodePoolId { get; init; }

    /// <summary>Worker queues, each on a node pool.</summary>
    [JsonProperty("workerQueues")] public IReadOnlyList<HybridWorkerQueueRequest>? WorkerQueues { get; init; }
}

/// <summary>
/// The body of a deployment update (§4.2): a union keyed by <c>type</c>. Updates replace the whole configuration
/// (§8.2), so every field the spec requires is a required, non-nullable property here.
/// </summary>
public abstract class UpdateDeploymentRequest
{
    private protected UpdateDeploymentRequest(DeploymentType type) => Type = type;

    /// <summary>The discriminator: DEDICATED, HYBRID or STANDARD.</summary>
    [JsonProperty("type", Order = -2)] public DeploymentType Type { get; }

    /// <summary>The deployment name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>The workspace id (moving workspaces is a replacement, §9).</summary>
    [JsonProperty("workspaceId")] public required string WorkspaceId { get; init; }

    /// <summary>The executor.</summary>
    [JsonProperty("executor")] public required Executor Executor { get; init; }

    /// <summary>Whether deploys must come from API tokens.</summary>
    [JsonProperty("isCicdEnforced")] public required bool IsCicdEnforced { get; init; }

    /// <summary>Whether DAG-only deploys are enabled.</summary>
    [JsonProperty("isDagDeployEnabled")] public required bool IsDagDeployEnabled { get; init; }

    /// <summary>The complete list of environment variables; empty removes them all (§4.2).</summary>
    [JsonProperty("environmentVariables")] public required IReadOnlyList<DeploymentEnvironmentVariableRequest> EnvironmentVariables { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Contact e-mail addresses.</summary>
    [JsonProperty("contactEmails")] public IReadOnlyList<string>? ContactEmails { get; init; }

    /// <summary>Worker queues: with an id a queue is changed, without one created; queues left out are deleted (§8.2).</summary>
    [JsonProperty("workerQueues")] public IReadOnlyList<UpdateWorkerQueueRequest>? WorkerQueues { get; init; }

    /// <summary>The desired cloud identity.</summary>
    [JsonProperty("workloadIdentity")] public string? WorkloadIdentity { get; init; }

    /// <summary>The desired cloud identity in the DR region.</summary>
    [JsonProperty("drWorkloadIdentity")] public string? DrWorkloadIdentity { get; init; }
}

/// <summary>The fields a hosted (dedicated or standard) deployment update adds (§4.2).</summary>
public abstract class UpdateHostedDeploymentRequest : UpdateDeploymentRequest
{
    private protected UpdateHostedDeploymentRequest(DeploymentType type) : base(type)
    {
    }

    /// <summary>Whether to run several scheduler pods.</summary>
    [JsonProperty("isHighAvailability")] public required bool IsHighAvailability { get; init; }

    /// <summary>The scheduler size.</summary>
    [JsonProperty("schedulerSize")] public required SchedulerSize SchedulerSize { get; init; }

    /// <summary>Development mode; it cannot be switched on for an existing non-development deployment (§8).</summary>
    [JsonProperty("isDevelopmentMode")] public bool? IsDevelopmentMode { get; init; }

    /// <summary>Default task pod cores; required unless remote execution is on.</summary>
    [JsonProperty("defaultTaskPodCpu")] public string? DefaultTaskPodCpu { get; init; }

    /// <summary>Default task pod memory, exactly twice the cores.</summary>
    [JsonProperty("defaultTaskPodMemory")] public string? DefaultTaskPodMemory { get; init; }

    /// <summary>Cores quota; required unless remote execution is on.</summary>
    [JsonProperty("resourceQuotaCpu")] public string? ResourceQuotaCpu { get; init; }

    /// <summary>Memory quota, exactly twice the cores.</summary>
    [JsonProperty("resourceQuotaMemory")] public string? ResourceQuotaMemory { get; init; }

    /// <summary>Hibernation configuration.</summary>
    [JsonProperty("scalingSpec")] public DeploymentScalingSpecRequest? ScalingSpec { get; init; }

    /// <summary>Remote execution settings.</summary>
    [JsonProperty("remoteExecution")] public DeploymentRemoteExecutionRequest? RemoteExecution { get; init; }
}

/// <summary>Updates a deployment on a dedicated cluster (§4.2).</summary>
public sealed class UpdateDedicatedDeploymentRequest() : UpdateHostedDeploymentRequest(DeploymentType.Dedicated);

/// <summary>Updates a deployment on shared infrastructure (§4.2).</summary>
public sealed class UpdateStandardDeploymentRequest() : UpdateHostedDeploymentRequest(DeploymentType.Standard);

/// <summary>Updates a deployment on a hybrid cluster (§4.2).</summary>
public sealed class UpdateHybridDeploymentRequest() : UpdateDeploymentRequest(DeploymentType.Hybrid)
{
    /// <summary>Scheduler size in Astronomer units and replicas; both required on update.</summary>
    [JsonProperty("scheduler")] public required UpdateDeploymentInstanceSpecRequest Scheduler { get; init; }

    /// <summary>The node pool of task pods (KUBERNETES executor only).</summary>
    [JsonProperty("taskPodNodePoolId")] public string? TaskPodNodePoolId { get; init; }
}

/// <summary>A hybrid scheduler's size on create (§4.1): both fields optional.</summary>
public sealed class CreateDeploymentInstanceSpecRequest
{
    /// <summary>Astronomer units, 5 to 24.</summary>
    [JsonProperty("au")] public int? Au { get; init; }

    /// <summary>Replicas, 1 to 4.</summary>
    [JsonProperty("replicas")] public int? Replicas { get; init; }
}

/// <summary>A hybrid scheduler's size on update (§4.2): both fields required.</summary>
public sealed class UpdateDeploymentInstanceSpecRequest
{
    /// <summary>Astronomer units, 5 to 24.</summary>
    [JsonProperty("au")] public required int Au { get; init; }

    /// <summary>Replicas, 1 to 4.</summary>
    [JsonProperty("replicas")] public required int Replicas { get; init; }
}

/// <summary>A worker queue of a hosted deployment create (§4.3, WorkerQueueRequest).</summary>
public sealed class WorkerQueueRequest
{
    /// <summary>The queue to change; null creates one.</summary>
    [JsonProperty("id")] public string? Id { get; init; }

    /// <summary>The queue name, 1 to 63 characters, unique in the deployment.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>Whether this is the default queue.</summary>
    [JsonProperty("isDefault")] public required bool IsDefault { get; init; }

    /// <summary>The minimum number of workers, at least 0.</summary>
    [JsonProperty("minWorkerCount")] public required int MinWorkerCount { get; init; }

    /// <summary>The maximum number of workers, at least 1.</summary>
    [JsonProperty("maxWorkerCount")] public required int MaxWorkerCount { get; init; }

    /// <summary>Concurrent tasks per worker, at least 1.</summary>
    [JsonProperty("workerConcurrency")] public required int WorkerConcurrency { get; init; }

    /// <summary>The worker machine.</summary>
    [JsonProperty("astroMachine")] public required AstroMachine AstroMachine { get; init; }

    /// <summary>Ephemeral storage per worker pod, e.g. <c>10Gi</c>.</summary>
    [JsonProperty("podEphemeralStorage")] public string? PodEphemeralStorage { get; init; }
}

/// <summary>A worker queue of a hybrid deployment create (§4.3, HybridWorkerQueueRequest).</summary>
public sealed class HybridWorkerQueueRequest
{
    /// <summary>The queue to change; null creates one.</summary>
    [JsonProperty("id")] public string? Id { get; init; }

    /// <summary>The queue name, 1 to 63 characters, unique in the deployment.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>Whether this is the default queue.</summary>
    [JsonProperty("isDefault")] public required bool IsDefault { get; init; }

    /// <summary>The minimum number of workers, at least 0.</summary>
    [JsonProperty("minWorkerCount")] public required int MinWorkerCount { get; init; }

    /// <summary>The maximum number of workers, at least 1.</summary>
    [JsonProperty("maxWorkerCount")] public required int MaxWorkerCount { get; init; }

    /// <summary>Concurrent tasks per worker, at least 1.</summary>
    [JsonProperty("workerConcurrency")] public required int WorkerConcurrency { get; init; }

    /// <summary>The node pool the workers run on.</summary>
    [JsonProperty("nodePoolId")] public required string NodePoolId { get; init; }
}

/// <summary>A worker queue in any deployment update (§4.3, UpdateWorkerQueueRequest).</summary>
public sealed class UpdateWorkerQueueRequest
{
    /// <summary>The queue to change; null creates one.</summary>
    [JsonProperty("id")] public string? Id { get; init; }

    /// <summary>The queue name.</summary>
    [JsonProperty("name")] public required string Name { get; init; }

    /// <summary>Whether this is the default queue.</summary>
    [JsonProperty("isDefault")] public required bool IsDefault { get; init; }

    /// <summary>The minimum number of workers.</summary>
    [JsonProperty("minWorkerCount")] public required int MinWorkerCount { get; init; }

    /// <summary>The maximum number of workers.</summary>
    [JsonProperty("maxWorkerCount")] public required int MaxWorkerCount { get; init; }

    /// <summary>Concurrent tasks per worker.</summary>
    [JsonProperty("workerConcurrency")] public required int WorkerConcurrency { get; init; }

    /// <summary>The worker machine; required for hosted deployments.</summary>
    [JsonProperty("astroMachine")] public AstroMachine? AstroMachine { get; init; }

    /// <summary>The node pool; required for hybrid deployments.</summary>
    [JsonProperty("nodePoolId")] public string? NodePoolId { get; init; }

    /// <summary>Ephemeral storage per worker pod.</summary>
    [JsonProperty("podEphemeralStorage")] public string? PodEphemeralStorage { get; init; }
}

/// <summary>
/// An environment variable to set (§4.4). <see cref="Value"/> null sends no <c>value</c> at all, which for a secret
/// keeps the stored secret (the CLI relies on this, §8.1); <c>""</c> sends an empty value.
/// </summary>
public sealed class DeploymentEnvironmentVariableRequest
{
    /// <summary>The variable name.</summary>
    [JsonProperty("key")] public required string Key { get; init; }

    /// <summary>Whether the value is secret.</summary>
    [JsonProperty("isSecret")] public required bool IsSecret { get; init; }

    /// <summary>The value; null means "not sent".</summary>
    [JsonProperty("value")] public string? Value { get; init; }
}

/// <summary>Hibernation configuration to set (§4.4, DeploymentScalingSpecRequest).</summary>
public sealed class DeploymentScalingSpecRequest
{
    /// <summary>The hibernation configuration; it must hold an override or schedules.</summary>
    [JsonProperty("hibernationSpec")] public DeploymentHibernationSpecRequest? HibernationSpec { get; init; }
}

/// <summary>An override and schedules to set (§4.4).</summary>
public sealed class DeploymentHibernationSpecRequest
{
    /// <summary>The override.</summary>
    [JsonProperty("override")] public DeploymentHibernationOverrideRequest? Override { get; init; }

    /// <summary>One to ten schedules.</summary>
    [JsonProperty("schedules")] public IReadOnlyList<DeploymentHibernationSchedule>? Schedules { get; init; }
}

/// <summary>An override inside a scaling spec (§4.4); here <c>overrideUntil</c> is a plain string (§11.11).</summary>
public sealed class DeploymentHibernationOverrideRequest
{
    /// <summary>Whether to hibernate regardless of schedules.</summary>
    [JsonProperty("isHibernating")] public bool? IsHibernating { get; init; }

    /// <summary>When the override ends, an RFC 3339 timestamp; it needs <see cref="IsHibernating"/>.</summary>
    [JsonProperty("overrideUntil")] public string? OverrideUntil { get; init; }
}

/// <summary>Remote execution settings to set (§4.4, DeploymentRemoteExecutionRequest).</summary>
public sealed class DeploymentRemoteExecutionRequest
{
    /// <summary>Whether remote execution is on.</summary>
    [JsonProperty("enabled")] public required bool Enabled { get; init; }

    /// <summary>IP ranges allowed to reach the API.</summary>
    [JsonProperty("allowedIpAddressRanges")] public IReadOnlyList<string>? AllowedIpAddressRanges { get; init; }

    /// <summary>The task log bucket.</summary>
    [JsonProperty("taskLogBucket")] public string? TaskLogBucket { get; init; }

    /// <summary>The task log URL pattern.</summary>
    [JsonProperty("taskLogUrlPattern")] public string? TaskLogUrlPattern { get; init; }
}

/// <summary>The body of the hibernation-override POST (§4.7, OverrideDeploymentHibernationBody).</summary>
public sealed class OverrideDeploymentHibernationRequest
{
    /// <summary>true hibernates regardless of schedules, false keeps the deployment awake.</summary>
    [JsonProperty("isHibernating")] public required bool IsHibernating { get; init; }

    /// <summary>When the override ends; null lasts until it is removed.</summary>
    [JsonProperty("overrideUntil")] public DateTimeOffset? OverrideUntil { get; init; }
}
