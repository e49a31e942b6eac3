namespace Pulumi.Astro.Simulator;

/// <summary>Enum values (API fact sheet §6) and the machine and runtime catalogue astro-sim serves (§5.9).</summary>
internal static class Catalog
{
    public static readonly string[] CloudProviders = ["AWS", "AZURE", "GCP"];
    public static readonly string[] ClusterTypes = ["DEDICATED", "HYBRID"];
    public static readonly string[] DeploymentTypes = ["DEDICATED", "HYBRID", "STANDARD"];
    public static readonly string[] Executors = ["ASTRO", "CELERY", "KUBERNETES"];
    public static readonly string[] HybridExecutors = ["CELERY", "KUBERNETES"];
    public static readonly string[] SchedulerSizes = ["SMALL", "MEDIUM", "LARGE", "EXTRA_LARGE"];
    public static readonly string[] AstroMachines = ["A5", "A10", "A20", "A40", "A60", "A120", "A160"];
    public static readonly string[] CreateDeployTypes = ["IMAGE_AND_DAG", "IMAGE_ONLY", "DAG_ONLY", "BUNDLE"];
    public static readonly string[] GitProviders = ["GITHUB", "GENERIC"];
    public static readonly string[] LogSources = ["apiserver", "dag-processor", "scheduler", "triggerer", "webserver", "worker"];
    public static readonly string[] ClusterStatuses =
        ["CREATING", "CREATED", "CREATE_FAILED", "UPDATING", "UPDATE_FAILED", "UPGRADE_PENDING", "FAILING_OVER", "FAILOVER_FAILED", "ACCESS_DENIED"];
    public static readonly string[] DeploymentStatuses = ["CREATING", "DEPLOYING", "HEALTHY", "UNHEALTHY", "HIBERNATING", "UNKNOWN"];
    public static readonly string[] DeployStatuses = ["INITIALIZED", "DEPLOYED", "FAILED"];

    /// <summary>Worker machine sizes: cores, memory, default concurrency. A5 pairs with 1 CPU / 2Gi (§5.4).</summary>
    public static readonly IReadOnlyDictionary<string, (string Cpu, string Memory, int Concurrency)> Machines =
        new Dictionary<string, (string, string, int)>
        {
            ["A5"] = ("1", "2Gi", 5),
            ["A10"] = ("2", "4Gi", 10),
            ["A20"] = ("4", "8Gi", 20),
            ["A40"] = ("8", "16Gi", 40),
            ["A60"] = ("12", "24Gi", 60),
            ["A120"] = ("24", "48Gi", 120),
            ["A160"] = ("32", "64Gi", 160),
        };

    public static readonly IReadOnlyDictionary<string, (string Cpu, string Memory)> SchedulerMachines =
        new Dictionary<string, (string, string)>
        {
            ["SMALL"] = ("1", "2Gi"),
            ["MEDIUM"] = ("2", "4Gi"),
            ["LARGE"] = ("4", "8Gi"),
            ["EXTRA_LARGE"] = ("8", "16Gi"),
        };

    /// <summary>Runtime releases, newest first: element 0 is "latest", as the Terraform provider reads it (§5.9).</summary>
    public static readonly (string Version, string AirflowVersion, string ReleaseDate)[] RuntimeReleases =
    [
        ("3.1-5", "3.1.3", "2026-11-02T00:00:00Z"),
        ("3.0-9", "3.0.6", "2026-09-15T00:00:00Z"),
        ("13.2.0", "2.11.0", "2026-08-20T00:00:00Z"),
        ("12.9.0", "2.10.5", "2026-03-04T00:00:00Z"),
    ];

    // Bounds served by deployment-options and enforced on worker queues (§4.3).
    public const int MinWorkersCeiling = 30;
    public const int MaxWorkersCeiling = 30;
    public const int ConcurrencyCeiling = 256;

    /// <summary>
    /// A cloud provider's entry in one of the tables below; empty for a provider astro-sim does not know, which a stored
    /// object only has when the control API patched it in (a value added to Astro after this release).
    /// </summary>
    public static string[] For(IReadOnlyDictionary<string, string[]> table, string provider) =>
        table.TryGetValue(provider, out var values) ? values : [];

    public static readonly IReadOnlyDictionary<string, string[]> Regions = new Dictionary<string, string[]>
    {
        ["AWS"] = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"],
        ["AZURE"] = ["eastus2", "westus2", "westeurope", "northeurope"],
        ["GCP"] = ["us-central1", "us-east4", "europe-west1", "asia-northeast1"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> NodeInstances = new Dictionary<string, string[]>
    {
        ["AWS"] = ["m5.xlarge", "m5.2xlarge", "m6i.xlarge", "t3.medium"],
        ["AZURE"] = ["Standard_D4d_v5", "Standard_D8d_v5"],
        ["GCP"] = ["e2-standard-4", "e2-standard-8", "n2-standard-4"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> DatabaseInstances = new Dictionary<string, string[]>
    {
        ["AWS"] = ["db.m6g.large", "db.r5.xlarge", "db.t3.medium"],
        ["AZURE"] = ["Standard_D4ds_v5", "Standard_D8ds_v5"],
        ["GCP"] = ["Small General Purpose", "Medium General Purpose"],
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultVpcRange = new Dictionary<string, string>
    {
        ["AWS"] = "172.20.0.0/19",
        ["AZURE"] = "172.20.0.0/19",
        ["GCP"] = "172.20.0.0/22",
    };
}
