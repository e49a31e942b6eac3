using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A deployment (API fact sheet §5.3).</summary>
public sealed class Deployment
{
    /// <summary>The deployment id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The deployment name.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The Kubernetes namespace, e.g. <c>weightless-diameter-8927</c>.</summary>
    [JsonProperty("namespace")] public string Namespace { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>The workspace id.</summary>
    [JsonProperty("workspaceId")] public string WorkspaceId { get; init; } = "";

    /// <summary>The workspace name.</summary>
    [JsonProperty("workspaceName")] public string? WorkspaceName { get; init; }

    /// <summary>The state (§7.2).</summary>
    [JsonProperty("status")] public DeploymentStatus Status { get; init; }

    /// <summary>Why it is in that state, e.g. "Successfully Deployed".</summary>
    [JsonProperty("statusReason")] public string? StatusReason { get; init; }

    /// <summary>DEDICATED, HYBRID or STANDARD.</summary>
    [JsonProperty("type")] public DeploymentType? Type { get; init; }

    /// <summary>The executor.</summary>
    [JsonProperty("executor")] public Executor? Executor { get; init; }

    /// <summary>The Astro Runtime version, e.g. <c>9.1.0</c>.</summary>
    [JsonProperty("astroRuntimeVersion")] public string AstroRuntimeVersion { get; init; } = "";

    /// <summary>A deprecated duplicate of <see cref="AstroRuntimeVersion"/>.</summary>
    [JsonProperty("runtimeVersion")] public string RuntimeVersion { get; init; } = "";

    /// <summary>The Airflow version; may be <c>NA</c> when unknown (§11.10).</summary>
    [JsonProperty("airflowVersion")] public string AirflowVersion { get; init; } = "";

    /// <summary>The image registry repository.</summary>
    [JsonProperty("imageRepository")] public string ImageRepository { get; init; } = "";

    /// <summary>The tag of the last deploy; may be empty.</summary>
    [JsonProperty("imageTag")] public string ImageTag { get; init; } = "";

    /// <summary>Astronomer's image tag with the deploy date.</summary>
    [JsonProperty("imageVersion")] public string? ImageVersion { get; init; }

    /// <summary>Whether deploys must come from API tokens.</summary>
    [JsonProperty("isCicdEnforced")] public bool IsCicdEnforced { get; init; }

    /// <summary>Whether DAG-only deploys are enabled.</summary>
    [JsonProperty("isDagDeployEnabled")] public bool IsDagDeployEnabled { get; init; }

    /// <summary>Whether this is a development deployment.</summary>
    [JsonProperty("isDevelopmentMode")] public bool? IsDevelopmentMode { get; init; }

    /// <summary>Whether the scheduler is highly available.</summary>
    [JsonProperty("isHighAvailability")] public bool? IsHighAvailability { get; init; }

    /// <summary>Scheduler cores, e.g. <c>1</c>.</summary>
    [JsonProperty("schedulerCpu")] public string SchedulerCpu { get; init; } = "";

    /// <summary>Scheduler memory, e.g. <c>1Gi</c>.</summary>
    [JsonProperty("schedulerMemory")] public string SchedulerMemory { get; init; } = "";

    /// <summary>Scheduler replicas.</summary>
    [JsonProperty("schedulerReplicas")] public int SchedulerReplicas { get; init; }

    /// <summary>The scheduler size (hosted).</summary>
    [JsonProperty("schedulerSize")] public SchedulerSize? SchedulerSize { get; init; }

    /// <summary>Scheduler Astronomer units (hybrid).</summary>
    [JsonProperty("schedulerAu")] public int? SchedulerAu { get; init; }

    /// <summary>Web server cores.</summary>
    [JsonProperty("webServerCpu")] public string WebServerCpu { get; init; } = "";

    /// <summary>Web server memory.</summary>
    [JsonProperty("webServerMemory")] public string WebServerMemory { get; init; } = "";

    /// <summary>Web server replicas.</summary>
    [JsonProperty("webServerReplicas")] public int? WebServerReplicas { get; init; }

    /// <summary>The web server URL, host and path without a scheme.</summary>
    [JsonProperty("webServerUrl")] public string WebServerUrl { get; init; } = "";

    /// <summary>The web server ingress host name.</summary>
    [JsonProperty("webServerIngressHostname")] public string WebServerIngressHostname { get; init; } = "";

    /// <summary>The Airflow API URL, without a scheme.</summary>
    [JsonProperty("webServerAirflowApiUrl")] public string WebServerAirflowApiUrl { get; init; } = "";

    /// <summary>The Airflow UI URL.</summary>
    [JsonProperty("uiUrl")] public string UiUrl { get; init; } = "";

    /// <summary>The Airflow API base URL.</summary>
    [JsonProperty("apiUrl")] public string ApiUrl { get; init; } = "";

    /// <summary>The cluster id.</summary>
    [JsonProperty("clusterId")] public string? ClusterId { get; init; }

    /// <summary>The cluster name (dedicated and hybrid only).</summary>
    [JsonProperty("clusterName")] public string? ClusterName { get; init; }

    /// <summary>The region (dedicated and hybrid only).</summary>
    [JsonProperty("region")] public string? Region { get; init; }

    /// <summary>The cloud provider ("only Standard" per the docs).</summary>
    [JsonProperty("cloudProvider")] public CloudProvider? CloudProvider { get; init; }

    /// <summary>Default task pod cores (hosted).</summary>
    [JsonProperty("defaultTaskPodCpu")] public string? DefaultTaskPodCpu { get; init; }

    /// <summary>Default task pod memory (hosted).</summary>
    [JsonProperty("defaultTaskPodMemory")] public string? DefaultTaskPodMemory { get; init; }

    /// <summary>Cores quota (hosted).</summary>
    [JsonProperty("resourceQuotaCpu")] public string? ResourceQuotaCpu { get; init; }

    /// <summary>Memory quota (hosted).</summary>
    [JsonProperty("resourceQuotaMemory")] public string? ResourceQuotaMemory { get; init; }

    /// <summary>The node pool of task pods (hybrid, KUBERNETES executor).</summary>
    [JsonProperty("taskPodNodePoolId")] public string? TaskPodNodePoolId { get; init; }

    /// <summary>The worker queues.</summary>
    [JsonProperty("workerQueues")] public IReadOnlyList<WorkerQueue>? WorkerQueues { get; init; }

    /// <summary>The environment variables; secret ones come back without a value (§8.1).</summary>
    [JsonProperty("environmentVariables")] public IReadOnlyList<DeploymentEnvironmentVariable>? EnvironmentVariables { get; init; }

    /// <summary>Contact e-mail addresses.</summary>
    [JsonProperty("contactEmails")] public IReadOnlyList<string>? ContactEmails { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The current DAG tarball version.</summary>
    [JsonProperty("dagTarballVersion")] public string? DagTarballVersion { get; init; }

    /// <summary>The version expected after an in-flight DAG deploy; equals <see cref="DagTarballVersion"/> when idle.</summary>
    [JsonProperty("desiredDagTarballVersion")] public string? DesiredDagTarballVersion { get; init; }

    /// <summary>Egress IPs.</summary>
    [JsonProperty("externalIPs")] public IReadOnlyList<string>? ExternalIps { get; init; }

    /// <summary>Egress IPs in the DR region.</summary>
    [JsonProperty("drExternalIPs")] public IReadOnlyList<string>? DrExternalIps { get; init; }

    /// <summary>The OIDC issuer URL.</summary>
    [JsonProperty("oidcIssuerUrl")] public string? OidcIssuerUrl { get; init; }

    /// <summary>The OIDC issuer URL in the DR region.</summary>
    [JsonProperty("drOidcIssuerUrl")] public string? DrOidcIssuerUrl { get; init; }

    /// <summary>The workload identity in use (user-set or default).</summary>
    [JsonProperty("effectiveWorkloadIdentity")] public string? EffectiveWorkloadIdentity { get; init; }

    /// <summary>The workload identity in use in the DR region.</summary>
    [JsonProperty("effectiveDRWorkloadIdentity")] public string? EffectiveDrWorkloadIdentity { get; init; }

    /// <summary>The configured hibernation.</summary>
    [JsonProperty("scalingSpec")] public DeploymentScalingSpec? ScalingSpec { get; init; }

    /// <summary>The current hibernation state.</summary>
    [JsonProperty("scalingStatus")] public DeploymentScalingStatus? ScalingStatus { get; init; }

    /// <summary>Remote execution settings.</summary>
    [JsonProperty("remoteExecution")] public DeploymentRemoteExecution? RemoteExecution { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile CreatedBy { get; init; } = new();

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile UpdatedBy { get; init; } = new();
}

/// <summary>A worker queue of a deployment (§5.4).</summary>
public sealed class WorkerQueue
{
    /// <summary>The queue id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The queue name; the default queue is <c>default</c>.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>Whether this is the default queue.</summary>
    [JsonProperty("isDefault")] public bool IsDefault { get; init; }

    /// <summary>The minimum number of workers.</summary>
    [JsonProperty("minWorkerCount")] public int MinWorkerCount { get; init; }

    /// <summary>The maximum number of workers.</summary>
    [JsonProperty("maxWorkerCount")] public int MaxWorkerCount { get; init; }

    /// <summary>Concurrent tasks per worker.</summary>
    [JsonProperty("workerConcurrency")] public int WorkerConcurrency { get; init; }

    /// <summary>Cores per worker pod.</summary>
    [JsonProperty("podCpu")] public string PodCpu { get; init; } = "";

    /// <summary>Memory per worker pod.</summary>
    [JsonProperty("podMemory")] public string PodMemory { get; init; } = "";

    /// <summary>Ephemeral storage per worker pod.</summary>
    [JsonProperty("podEphemeralStorage")] public string? PodEphemeralStorage { get; init; }

    /// <summary>The worker machine (hosted); a free string in responses, not the enum (§11.12).</summary>
    [JsonProperty("astroMachine")] public string? AstroMachine { get; init; }

    /// <summary>The node pool (hybrid).</summary>
    [JsonProperty("nodePoolId")] public string? NodePoolId { get; init; }
}

/// <summary>
/// An environment variable as Astro returns it (§5.5). A secret comes back without <c>value</c> (§8.1): then
/// <see cref="Value"/> is null, which is distinct from an empty value <c>""</c>.
/// </summary>
public sealed class DeploymentEnvironmentVariable
{
    /// <summary>The variable name.</summary>
    [JsonProperty("key")] public string Key { get; init; } = "";

    /// <summary>Whether the value is secret.</summary>
    [JsonProperty("isSecret")] public bool IsSecret { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The value; null when Astro left it out (always for secrets), <c>""</c> when it is empty.</summary>
    [JsonProperty("value")] public string? Value { get; init; }

    /// <summary>Whether Astro sent a value at all.</summary>
    [JsonIgnore] public bool HasValue => Value is not null;
}

/// <summary>A deployment's hibernation configuration (§5.3, scalingSpec).</summary>
public sealed class DeploymentScalingSpec
{
    /// <summary>The hibernation configuration.</summary>
    [JsonProperty("hibernationSpec")] public DeploymentHibernationSpec? HibernationSpec { get; init; }
}

/// <summary>Hibernation override and schedules (§5.3).</summary>
public sealed class DeploymentHibernationSpec
{
    /// <summary>The override in force, if any.</summary>
    [JsonProperty("override")] public DeploymentHibernationOverride? Override { get; init; }

    /// <summary>The schedules.</summary>
    [JsonProperty("schedules")] public IReadOnlyList<DeploymentHibernationSchedule>? Schedules { get; init; }
}

/// <summary>A hibernation override (§5.5); also the body of a successful override POST.</summary>
public sealed class DeploymentHibernationOverride
{
    /// <summary>Whether the override is in force now.</summary>
    [JsonProperty("isActive")] public bool? IsActive { get; init; }

    /// <summary>Whether the override hibernates (true) or keeps awake (false).</summary>
    [JsonProperty("isHibernating")] public bool? IsHibernating { get; init; }

    /// <summary>When the override ends; null while it lasts until removed.</summary>
    [JsonProperty("overrideUntil")] public DateTimeOffset? OverrideUntil { get; init; }
}

/// <summary>A hibernation schedule (§4.4); the same shape in requests and responses.</summary>
public sealed class DeploymentHibernationSchedule
{
    /// <summary>When to hibernate, a 5-part cron expression.</summary>
    [JsonProperty("hibernateAtCron")] public required string HibernateAtCron { get; init; }

    /// <summary>When to wake, a 5-part cron expression.</summary>
    [JsonProperty("wakeAtCron")] public required string WakeAtCron { get; init; }

    /// <summary>Whether the schedule is on.</summary>
    [JsonProperty("isEnabled")] public required bool IsEnabled { get; init; }

    /// <summary>A description of up to 200 characters.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>A deployment's current scaling state (§5.3, scalingStatus).</summary>
public sealed class DeploymentScalingStatus
{
    /// <summary>The hibernation state.</summary>
    [JsonProperty("hibernationStatus")] public DeploymentHibernationStatus? HibernationStatus { get; init; }
}

/// <summary>Whether a development deployment is asleep, and what happens next (§5.5).</summary>
public sealed class DeploymentHibernationStatus
{
    /// <summary>Whether it is hibernating now.</summary>
    [JsonProperty("isHibernating")] public bool IsHibernating { get; init; }

    /// <summary>When the next event happens; a timestamp carried as a plain string (§11.11).</summary>
    [JsonProperty("nextEventAt")] public string? NextEventAt { get; init; }

    /// <summary>HIBERNATE or WAKE.</summary>
    [JsonProperty("nextEventType")] public HibernationEventType? NextEventType { get; init; }

    /// <summary>Why it is in this state.</summary>
    [JsonProperty("reason")] public string? Reason { get; init; }
}

/// <summary>Remote execution settings of a deployment (§5.5).</summary>
public sealed class DeploymentRemoteExecution
{
    /// <summary>Whether remote execution is on.</summary>
    [JsonProperty("enabled")] public bool Enabled { get; init; }

    /// <summary>IP ranges allowed to reach the API.</summary>
    [JsonProperty("allowedIpAddressRanges")] public IReadOnlyList<string> AllowedIpAddressRanges { get; init; } = [];

    /// <summary>The remote API URL.</summary>
    [JsonProperty("remoteApiUrl")] public string RemoteApiUrl { get; init; } = "";

    /// <summary>The task log bucket.</summary>
    [JsonProperty("taskLogBucket")] public string? TaskLogBucket { get; init; }

    /// <summary>The task log URL pattern.</summary>
    [JsonProperty("taskLogUrlPattern")] public string? TaskLogUrlPattern { get; init; }
}

/// <summary>One page of deployments (§1.3).</summary>
public sealed class DeploymentsPaginated : IPage<Deployment>
{
    /// <summary>The deployments on this page.</summary>
    [JsonProperty("deployments")] public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many deployments match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Deployment> IPage<Deployment>.Items => Deployments;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListDeploymentsAsync"/> (§1.3).</summary>
public sealed class ListDeploymentsQuery : PageQuery
{
    /// <summary>Only these deployment ids.</summary>
    public IReadOnlyList<string>? DeploymentIds { get; init; }

    /// <summary>Only deployments with these names.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Only deployments in these workspaces.</summary>
    public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>Sort keys such as <c>name:asc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}
