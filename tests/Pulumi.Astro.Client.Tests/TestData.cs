namespace Pulumi.Astro.Client.Tests;

/// <summary>Valid requests for astro-sim, with everything its validation (API fact sheet §8) requires.</summary>
internal static class TestData
{
    public static CreateAwsClusterRequest AwsCluster(string name) => new()
    {
        Type = ClusterType.Dedicated,
        Name = name,
        Region = "us-east-1",
        VpcSubnetRange = "172.20.0.0/22",
    };

    public static IReadOnlyList<WorkerQueueRequest> DefaultQueue() =>
    [
        new WorkerQueueRequest
        {
            Name = "default",
            IsDefault = true,
            AstroMachine = AstroMachine.A5,
            MinWorkerCount = 0,
            MaxWorkerCount = 10,
            WorkerConcurrency = 5,
        },
    ];

    /// <summary>A plain, an empty and a secret variable: the three cases of §5.5 and §8.1.</summary>
    public static IReadOnlyList<DeploymentEnvironmentVariableRequest> EnvironmentVariables() =>
    [
        new() { Key = "PLAIN", IsSecret = false, Value = "plain-value" },
        new() { Key = "EMPTY", IsSecret = false, Value = "" },
        new() { Key = "SECRET", IsSecret = true, Value = "s3cr3t" },
    ];

    public static CreateStandardDeploymentRequest StandardDeployment(string workspaceId, string name, bool developmentMode = true) => new()
    {
        Name = name,
        WorkspaceId = workspaceId,
        Description = "created by the client tests",
        CloudProvider = CloudProvider.Aws,
        Region = "us-east-1",
        Executor = Executor.Celery,
        IsCicdEnforced = false,
        IsDagDeployEnabled = true,
        IsDevelopmentMode = developmentMode,
        IsHighAvailability = false,
        SchedulerSize = SchedulerSize.Small,
        DefaultTaskPodCpu = "0.5",
        DefaultTaskPodMemory = "1Gi",
        ResourceQuotaCpu = "10",
        ResourceQuotaMemory = "20Gi",
        WorkerQueues = DefaultQueue(),
        EnvironmentVariables = EnvironmentVariables(),
        ContactEmails = ["owner@example.com"],
    };

    public static CreateDedicatedDeploymentRequest DedicatedDeployment(string workspaceId, string clusterId, string name) => new()
    {
        Name = name,
        WorkspaceId = workspaceId,
        ClusterId = clusterId,
        Executor = Executor.Celery,
        IsCicdEnforced = false,
        IsDagDeployEnabled = true,
        IsDevelopmentMode = false,
        IsHighAvailability = false,
        SchedulerSize = SchedulerSize.Medium,
        DefaultTaskPodCpu = "0.5",
        DefaultTaskPodMemory = "1Gi",
        ResourceQuotaCpu = "10",
        ResourceQuotaMemory = "20Gi",
        WorkerQueues = DefaultQueue(),
    };

    /// <summary>The full-replacement update (§8.2) of a standard deployment, re-sending what it has.</summary>
    public static UpdateStandardDeploymentRequest UpdateOf(Deployment d, string newName) => new()
    {
        Name = newName,
        WorkspaceId = d.WorkspaceId,
        Executor = d.Executor ?? Executor.Celery,
        IsCicdEnforced = d.IsCicdEnforced,
        IsDagDeployEnabled = d.IsDagDeployEnabled,
        IsHighAvailability = d.IsHighAvailability ?? false,
        SchedulerSize = d.SchedulerSize ?? SchedulerSize.Small,
        IsDevelopmentMode = d.IsDevelopmentMode,
        DefaultTaskPodCpu = "1",
        DefaultTaskPodMemory = "2Gi",
        ResourceQuotaCpu = d.ResourceQuotaCpu,
        ResourceQuotaMemory = d.ResourceQuotaMemory,
        Description = d.Description,
        // The secret is re-sent without a value, which keeps the stored secret (§8.1).
        EnvironmentVariables =
        [
            new() { Key = "PLAIN", IsSecret = false, Value = "changed" },
            new() { Key = "SECRET", IsSecret = true },
        ],
        WorkerQueues = d.WorkerQueues!.Select(q => new UpdateWorkerQueueRequest
        {
            Id = q.Id,
            Name = q.Name,
            IsDefault = q.IsDefault,
            AstroMachine = q.AstroMachine is { } m ? new AstroMachine(m) : null,
            MinWorkerCount = q.MinWorkerCount,
            MaxWorkerCount = 8,
            WorkerConcurrency = q.WorkerConcurrency,
        }).ToList(),
    };
}
