using Pulumi;
using AstroExamples;

// Two Airflow environments with the organization's defaults, each a Deployment plus a DAG deploy of ../dags.
// The provider reads astro:host, astro:organizationId and astro:token from stack config (see README.md).
return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var workspaceId = config.Get("workspaceId") ?? "clsimwks00000000000000001"; // astro-sim's seeded workspace

    var reporting = new AirflowEnvironment("reporting", new AirflowEnvironmentArgs
    {
        WorkspaceId = workspaceId,
        DagsPath = "../dags",
    });

    var experiments = new AirflowEnvironment("experiments", new AirflowEnvironmentArgs
    {
        WorkspaceId = workspaceId,
        DagsPath = "../dags",
        DevelopmentMode = true,
        MaxWorkers = 2,
    });

    return new Dictionary<string, object?>
    {
        ["reportingUrl"] = reporting.UiUrl,
        ["reportingStatus"] = reporting.Status,
        ["reportingDagTarballVersion"] = reporting.DagTarballVersion,
        ["experimentsUrl"] = experiments.UiUrl,
    };
});
