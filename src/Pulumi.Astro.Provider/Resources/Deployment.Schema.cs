using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Deployment's property table: schema, checks, diff and marshalling all read it (API fact sheet §4.1–§5.5).</summary>
public sealed partial class Deployment
{
    public static readonly EnumType DeploymentTypeEnum = P.EnumOf("astro:index:DeploymentType", "Where a Deployment runs.",
        ("STANDARD", "Astro's shared infrastructure in a cloud region."),
        ("DEDICATED", "A dedicated cluster of the organization."),
        ("HYBRID", "A hybrid cluster in the customer's own cloud account."));

    public static readonly EnumType CloudProviderEnum = P.EnumOf("astro:index:CloudProvider", "A cloud provider.",
        ("AWS", "Amazon Web Services."), ("AZURE", "Microsoft Azure."), ("GCP", "Google Cloud."));

    public static readonly EnumType ExecutorEnum = P.EnumOf("astro:index:Executor", "The Airflow executor.",
        ("ASTRO", "Astro's executor (hosted Deployments only)."),
        ("CELERY", "The Celery executor, with worker queues."),
        ("KUBERNETES", "The Kubernetes executor: one pod per task."));

    public static readonly EnumType SchedulerSizeEnum = P.EnumOf("astro:index:SchedulerSize", "The scheduler size of a hosted Deployment.",
        ("SMALL", "1 CPU, 2 GiB."), ("MEDIUM", "2 CPU, 4 GiB."), ("LARGE", "4 CPU, 8 GiB."), ("EXTRA_LARGE", "8 CPU, 16 GiB."));

    public static readonly EnumType AstroMachineEnum = P.EnumOf("astro:index:AstroMachine", "The worker machine type of a hosted worker queue.",
        ("A5", "1 CPU, 2 GiB."), ("A10", "2 CPU, 4 GiB."), ("A20", "4 CPU, 8 GiB."), ("A40", "8 CPU, 16 GiB."),
        ("A60", "12 CPU, 24 GiB."), ("A120", "24 CPU, 48 GiB."), ("A160", "32 CPU, 64 GiB."));

    public static readonly ObjectType WorkerQueueType = new("astro:index:WorkerQueue",
        "A Celery (or ASTRO executor) worker queue. A Deployment that uses queues needs one named `default`, which is the default queue.",
    [
        P.Str("name", "The queue's name, 1 to 63 characters, unique in the Deployment. The default queue is named `default`.").Req(),
        P.Bool("isDefault", "Whether this is the default queue; true exactly for the queue named `default`.").Req(),
        P.Int("minWorkerCount", "The fewest workers the queue scales down to (0 or more).").Req().Range(0, 1000),
        P.Int("maxWorkerCount", "The most workers the queue scales up to (1 or more, and at least minWorkerCount).").Req().Range(1, 1000),
        P.Int("workerConcurrency", "How many tasks one worker runs at once (1 or more).").Req().Range(1, 1000),
        P.Enum("astroMachine", AstroMachineEnum, "The worker machine type. Required for STANDARD and DEDICATED Deployments; not allowed for HYBRID."),
        P.Str("nodePoolId", "The node pool the workers run on. Required for HYBRID Deployments; not allowed otherwise."),
        P.Str("podEphemeralStorage", "Ephemeral storage of each worker pod, a Kubernetes quantity such as `10Gi` (hosted only). Left out, Astro picks it.").AstroDefault().Canon(CanonicalQuantity),
    ]) { Key = "name" };

    public static readonly ObjectType EnvironmentVariableType = new("astro:index:EnvironmentVariable",
        "An environment variable of the Deployment's Airflow components.",
    [
        P.Str("key", "The variable's name; unique in the Deployment.").Req().Len(255),
        P.Str("value", "The value. Astro never returns the value of a secret variable, so it is kept from your program and state.").Sec(),
        P.Bool("isSecret", "Whether the value is secret: Astro stores it encrypted and never returns it.").Def(false),
    ]) { Key = "key" };

    public static readonly ObjectType HybridSchedulerType = new("astro:index:HybridScheduler", "The scheduler of a HYBRID Deployment.",
    [
        P.Int("au", "Astro Units (AU) of the scheduler, 5 to 24. Left out, Astro's default (5).").Range(5, 24).AstroDefault(),
        P.Int("replicas", "Scheduler replicas, 1 to 4. Left out, Astro's default (1).").Range(1, 4).AstroDefault(),
    ]);

    public static readonly ObjectType HibernationOverrideSpecType = new("astro:index:HibernationOverrideSpec",
        "A hibernation override inside the scaling spec: it wins over the schedules while it lasts.",
    [
        P.Bool("isHibernating", "True hibernates the Deployment, false keeps it awake, regardless of schedules. Required when overrideUntil is set."),
        P.Str("overrideUntil", "When the override ends, an RFC 3339 time; absent means until it is removed."),
    ]);

    public static readonly ObjectType HibernationScheduleType = new("astro:index:HibernationSchedule",
        "A schedule that hibernates and wakes a development-mode Deployment.",
    [
        P.Str("hibernateAtCron", "When to hibernate, a 5-part cron expression in UTC.").Req(),
        P.Str("wakeAtCron", "When to wake up, a 5-part cron expression in UTC.").Req(),
        P.Bool("isEnabled", "Whether the schedule is in force.").Def(true),
        P.Str("description", "A description of at most 200 characters."),
    ]);

    public static readonly ObjectType HibernationSpecType = new("astro:index:HibernationSpec",
        "How a development-mode Deployment hibernates: an override, schedules, or both.",
    [
        P.Obj("override", HibernationOverrideSpecType,
            "An override that wins over the schedules. Left out, an override set elsewhere (a `HibernationOverride` resource, the Astro UI) is kept as it is.").AstroDefault(),
        P.ObjList("schedules", HibernationScheduleType, "1 to 10 hibernation schedules."),
    ]);

    public static readonly ObjectType ScalingSpecType = new("astro:index:ScalingSpec", "Scaling configuration of a development-mode Deployment.",
    [
        P.Obj("hibernationSpec", HibernationSpecType, "When the Deployment hibernates."),
    ]);

    public static readonly ObjectType RemoteExecutionType = new("astro:index:RemoteExecution",
        "Remote Execution: tasks run on agents in your own environment (DEDICATED Deployments with the ASTRO executor).",
    [
        P.Bool("enabled", "Whether Remote Execution is on.").Req(),
        P.StrList("allowedIpAddressRanges", "CIDRs allowed to reach the Deployment's API from remote agents.").Set(),
        P.Str("taskLogBucket", "The bucket remote agents write task logs to."),
        P.Str("taskLogUrlPattern", "The URL pattern for reading task logs from that bucket."),
    ]);

    public static readonly Prop WorkspaceId = P.Str("workspaceId", "The workspace the Deployment belongs to.").Req().Replaces();
    public static readonly Prop TypeProp = P.Enum("type", DeploymentTypeEnum, "STANDARD, DEDICATED or HYBRID.").Req().Replaces();
    public static readonly Prop Name = P.Str("name", "The Deployment's name. Defaults to the Pulumi resource name.").Len(100);
    public static readonly Prop Description = P.Str("description", "A description of the Deployment.").Len(1000);
    public static readonly Prop ClusterId = P.Str("clusterId", "The cluster to run on. Required for DEDICATED and HYBRID; not allowed for STANDARD.").Replaces();
    public static readonly Prop CloudProvider = P.Enum("cloudProvider", CloudProviderEnum, "The cloud of a STANDARD Deployment; required for STANDARD, with region.").Replaces();
    public static readonly Prop Region = P.Str("region", "The region of a STANDARD Deployment, e.g. `us-east-1`; required for STANDARD.").Replaces();
    public static readonly Prop Executor = P.Enum("executor", ExecutorEnum, "The Airflow executor. HYBRID Deployments take CELERY or KUBERNETES. Left out, Astro's default (CELERY).").AstroDefault();
    public static readonly Prop AstroRuntimeVersion = P.Str("astroRuntimeVersion",
        "The Astro Runtime version to create the Deployment with, e.g. `3.1-5`; the latest when left out. It cannot be changed afterwards: upgrade by deploying a new image.").AstroDefault();
    public static readonly Prop IsCicdEnforced = P.Bool("isCicdEnforced", "Whether code can be deployed only through API tokens (CI/CD). Left out, Astro's value is kept (false for a new Deployment).").AstroDefault();
    public static readonly Prop IsDagDeployEnabled = P.Bool("isDagDeployEnabled", "Whether DAG-only deploys are enabled; a `Deploy` of DAGs needs it. Left out, Astro's value is kept (true for a new Deployment).").AstroDefault();
    public static readonly Prop IsDevelopmentMode = P.Bool("isDevelopmentMode",
        "Development mode (hosted only): hibernation, no uptime SLA. It can be turned off in place; turning it on again replaces the Deployment. Left out, Astro's value is kept (false for a new Deployment).").AstroDefault();
    public static readonly Prop IsHighAvailability = P.Bool("isHighAvailability", "Runs several scheduler pods (hosted only). Left out, Astro's value is kept (false for a new Deployment).").AstroDefault();
    public static readonly Prop SchedulerSize = P.Enum("schedulerSize", SchedulerSizeEnum, "The scheduler size (hosted only). Left out, Astro's value is kept (SMALL for a new Deployment).").AstroDefault();
    public static readonly Prop Scheduler = P.Obj("scheduler", HybridSchedulerType, "The scheduler AU and replicas (HYBRID only). Left out, Astro's value is kept.").AstroDefault();
    public static readonly Prop DefaultTaskPodCpu = P.Str("defaultTaskPodCpu", "Default CPU of a task pod, e.g. `0.5` (hosted; required unless Remote Execution is on).").Canon(CanonicalQuantity);
    public static readonly Prop DefaultTaskPodMemory = P.Str("defaultTaskPodMemory", "Default memory of a task pod in Gi, exactly 2 × defaultTaskPodCpu, e.g. `1Gi`.").Canon(CanonicalQuantity);
    public static readonly Prop ResourceQuotaCpu = P.Str("resourceQuotaCpu", "CPU quota of all task pods, e.g. `10` (hosted; required unless Remote Execution is on).").Canon(CanonicalQuantity);
    public static readonly Prop ResourceQuotaMemory = P.Str("resourceQuotaMemory", "Memory quota of all task pods in Gi, exactly 2 × resourceQuotaCpu, e.g. `20Gi`.").Canon(CanonicalQuantity);
    public static readonly Prop TaskPodNodePoolId = P.Str("taskPodNodePoolId", "The node pool of task pods (HYBRID with the KUBERNETES executor, where it is required).");
    public static readonly Prop WorkerQueues = P.ObjList("workerQueues", WorkerQueueType,
        "Worker queues (CELERY, or ASTRO without Remote Execution), matched by name: a queue that keeps its name keeps its id. Order does not matter. " +
        "Left out, Astro creates the `default` queue and later updates keep the queues as they are.").Set().AstroDefault();
    public static readonly Prop EnvironmentVariables = P.ObjList("environmentVariables", EnvironmentVariableType,
        "Environment variables, the complete list (order does not matter). Secret values are never returned by Astro and never printed.").Set();
    public static readonly Prop ContactEmails = P.StrList("contactEmails", "Email addresses that get alerts about the Deployment.").Set();
    public static readonly Prop ScalingSpec = P.Obj("scalingSpec", ScalingSpecType, "Hibernation settings (development-mode Deployments only).");
    public static readonly Prop RemoteExecution = P.Obj("remoteExecution", RemoteExecutionType, "Remote Execution settings (DEDICATED with the ASTRO executor).");
    public static readonly Prop WorkloadIdentity = P.Str("workloadIdentity", "The cloud identity the Deployment should use.");
    public static readonly Prop DrWorkloadIdentity = P.Str("drWorkloadIdentity", "The cloud identity to use in the DR region.");
    public static readonly Prop WaitForHealthy = P.Bool("waitForHealthy",
        "Whether create and update wait until the Deployment is HEALTHY (or HIBERNATING). Defaults to true.").Def(true);

    // Computed outputs (§5.3).
    public static readonly Prop Status = P.Str("status", "CREATING, DEPLOYING, HEALTHY, UNHEALTHY, HIBERNATING or UNKNOWN.").Out().Always();
    public static readonly Prop StatusReason = P.Str("statusReason", "Why the Deployment has its status.").Out();
    public static readonly Prop Namespace = P.Str("namespace", "The Kubernetes namespace, e.g. `weightless-diameter-8927`.").Out().Always().Stays();
    public static readonly Prop OrganizationId = P.Str("organizationId", "The organization id.").Out().Always().Stays();
    public static readonly Prop WorkspaceName = P.Str("workspaceName", "The workspace's name.").Out().Stays();
    public static readonly Prop ClusterName = P.Str("clusterName", "The cluster's name (DEDICATED and HYBRID).").Out().Stays();
    public static readonly Prop AirflowVersion = P.Str("airflowVersion", "The Airflow version; `NA` when unknown.").Out().Always().Stays();
    public static readonly Prop ImageRepository = P.Str("imageRepository", "The registry repository for image deploys.").Out().Always().Stays();
    public static readonly Prop ImageTag = P.Str("imageTag", "The tag of the last deployed image; may be empty.").Out().Always();
    public static readonly Prop ImageVersion = P.Str("imageVersion", "Astronomer's tag of the image with its deploy date.").Out();
    public static readonly Prop UiUrl = P.Str("uiUrl", "The Airflow UI, a full https URL.").Out().Always().Stays();
    public static readonly Prop ApiUrl = P.Str("apiUrl", "The Airflow API base URL.").Out().Always().Stays();
    public static readonly Prop WebServerUrl = P.Str("webServerUrl", "The Airflow web server host and path, without scheme.").Out().Always().Stays();
    public static readonly Prop WebServerIngressHostname = P.Str("webServerIngressHostname", "The ingress host name.").Out().Always().Stays();
    public static readonly Prop WebServerAirflowApiUrl = P.Str("webServerAirflowApiUrl", "The Airflow API host and path, without scheme.").Out().Always().Stays();
    public static readonly Prop DagTarballVersion = P.Str("dagTarballVersion", "The DAG bundle version the Deployment runs.").Out();
    public static readonly Prop DesiredDagTarballVersion = P.Str("desiredDagTarballVersion", "The DAG bundle version being rolled out.").Out();
    public static readonly Prop SchedulerCpu = P.Str("schedulerCpu", "Scheduler CPU.").Out();
    public static readonly Prop SchedulerMemory = P.Str("schedulerMemory", "Scheduler memory.").Out();
    public static readonly Prop SchedulerReplicas = P.Int("schedulerReplicas", "Scheduler replicas.").Out();
    public static readonly Prop ExternalIps = P.StrList("externalIps", "Egress IP addresses.").Out().Stays();
    public static readonly Prop OidcIssuerUrl = P.Str("oidcIssuerUrl", "The OIDC issuer URL for workload identity federation.").Out().Stays();
    public static readonly Prop EffectiveWorkloadIdentity = P.Str("effectiveWorkloadIdentity", "The identity in use (set or default).").Out();
    public static readonly Prop IsHibernating = P.Bool("isHibernating", "Whether the Deployment is hibernating now.").Out();
    public static readonly Prop CreatedAt = P.Str("createdAt", "When it was created (RFC 3339).").Out().Always().Stays();
    public static readonly Prop UpdatedAt = P.Str("updatedAt", "When it was last updated (RFC 3339).").Out().Always();
    public static readonly Prop WorkerQueueIds = P.Map("workerQueueIds", P.Str("id", ""),
        "Astro's id of each worker queue, by queue name (an update keeps a queue's id by its name).").Out();

    public static readonly ResourceType Schema = new("astro:index:Deployment",
        "An Astro Deployment: an Airflow environment. Create and update wait until it is HEALTHY (or HIBERNATING) unless " +
        "`waitForHealthy` is false; a Deployment that never becomes healthy is kept in state with its id. Import with its id. " +
        "Secret environment variable values are never returned by Astro: after an import they show as a change until set in the program.",
    [
        WorkspaceId, TypeProp, Name, Description, ClusterId, CloudProvider, Region, Executor, AstroRuntimeVersion, IsCicdEnforced,
        IsDagDeployEnabled, IsDevelopmentMode, IsHighAvailability, SchedulerSize, Scheduler, DefaultTaskPodCpu, DefaultTaskPodMemory,
        ResourceQuotaCpu, ResourceQuotaMemory, TaskPodNodePoolId, WorkerQueues, EnvironmentVariables, ContactEmails, ScalingSpec,
        RemoteExecution, WorkloadIdentity, DrWorkloadIdentity, WaitForHealthy,
        Status, StatusReason, Namespace, OrganizationId, WorkspaceName, ClusterName, AirflowVersion, ImageRepository, ImageTag,
        ImageVersion, UiUrl, ApiUrl, WebServerUrl, WebServerIngressHostname, WebServerAirflowApiUrl, DagTarballVersion,
        DesiredDagTarballVersion, SchedulerCpu, SchedulerMemory, SchedulerReplicas, ExternalIps, OidcIssuerUrl,
        EffectiveWorkloadIdentity, IsHibernating, CreatedAt, UpdatedAt, WorkerQueueIds,
    ]);

    public override ResourceType Type => Schema;
}
