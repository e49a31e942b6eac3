using Pulumi;
using Astro = Pulumi.Astro;

namespace AstroExamples;

/// <summary>What differs between the organization's Airflow environments; everything else is a house default.</summary>
public sealed class AirflowEnvironmentArgs
{
    /// <summary>The workspace the Deployment belongs to.</summary>
    public required Input<string> WorkspaceId { get; init; }

    /// <summary>The folder of DAG files to deploy (a DAG-only deploy); a change to any file makes a new deploy.</summary>
    public required string DagsPath { get; init; }

    /// <summary>Development mode: cheaper, can hibernate, no uptime SLA.</summary>
    public bool DevelopmentMode { get; init; }

    /// <summary>The most workers of the default queue.</summary>
    public int MaxWorkers { get; init; } = 10;

    /// <summary>Extra plain environment variables for Airflow.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// An Airflow environment the way our organization runs them: a STANDARD AWS Deployment (CELERY, one `default` queue
/// on A5 machines, house task-pod sizes) and a DAG-only Deploy of a folder that waits until Airflow runs it.
/// </summary>
public sealed class AirflowEnvironment : ComponentResource
{
    /// <summary>The Astro Deployment's id.</summary>
    [Output] public Output<string> DeploymentId { get; private set; }

    /// <summary>The Airflow UI.</summary>
    [Output] public Output<string> UiUrl { get; private set; }

    /// <summary>The Deployment's status, e.g. HEALTHY.</summary>
    [Output] public Output<string> Status { get; private set; }

    /// <summary>The DAG bundle version the Deployment runs after the deploy.</summary>
    [Output] public Output<string> DagTarballVersion { get; private set; }

    public AirflowEnvironment(string name, AirflowEnvironmentArgs args, ComponentResourceOptions? options = null)
        : base("astro-examples:index:AirflowEnvironment", name, options)
    {
        var deploymentArgs = new Astro.DeploymentArgs
        {
            Name = name,
            Description = $"{name}: managed by the AirflowEnvironment component",
            Type = Astro.DeploymentType.Standard,
            WorkspaceId = args.WorkspaceId,
            CloudProvider = Astro.CloudProvider.Aws,
            Region = "us-east-1",
            Executor = Astro.Executor.Celery,
            SchedulerSize = Astro.SchedulerSize.Small,
            IsHighAvailability = !args.DevelopmentMode,
            IsDevelopmentMode = args.DevelopmentMode,
            DefaultTaskPodCpu = "0.5",
            DefaultTaskPodMemory = "1Gi",
            ResourceQuotaCpu = "10",
            ResourceQuotaMemory = "20Gi",
            WorkerQueues =
            {
                new Astro.Inputs.WorkerQueueArgs
                {
                    Name = "default",
                    IsDefault = true,
                    AstroMachine = Astro.AstroMachine.A5,
                    MinWorkerCount = 0,
                    MaxWorkerCount = args.MaxWorkers,
                    WorkerConcurrency = 5,
                },
            },
            ContactEmails = { "data-platform@example.com" },
        };
        foreach (var (key, value) in args.Variables)
            deploymentArgs.EnvironmentVariables.Add(new Astro.Inputs.EnvironmentVariableArgs { Key = key, Value = value, IsSecret = false });

        var deployment = new Astro.Deployment(name, deploymentArgs, new CustomResourceOptions { Parent = this });

        var dags = new Astro.Deploy($"{name}-dags", new Astro.DeployArgs
        {
            DeploymentId = deployment.Id,
            Type = Astro.DeployType.DagOnly,
            Description = $"DAGs from {args.DagsPath}",
            DagsPath = args.DagsPath,
            WaitForDeployment = true,
            RollbackOnFailure = true,
        }, new CustomResourceOptions { Parent = this });

        DeploymentId = deployment.Id;
        UiUrl = deployment.UiUrl;
        Status = deployment.Status;
        DagTarballVersion = dags.DagTarballVersion;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["deploymentId"] = DeploymentId,
            ["uiUrl"] = UiUrl,
            ["status"] = Status,
            ["dagTarballVersion"] = DagTarballVersion,
        });
    }
}
