using System.Collections.Immutable;
using NUnit.Framework;
using Pulumi;
using Pulumi.Testing;
using Astro = Pulumi.Astro;

namespace AstroExamples.Tests;

/// <summary>
/// Unit tests of the AirflowEnvironment component with Pulumi's mocks: no engine, no provider, no Astro. The mocks
/// return each resource's inputs as its outputs, plus the outputs Astro would compute.
/// </summary>
public sealed class AirflowEnvironmentTests
{
    private sealed class Mocks : IMocks
    {
        public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            var outputs = args.Inputs.ToBuilder();
            var id = args.Id ?? $"c{args.Name}-id";
            switch (args.Type)
            {
                case "astro:index:Deployment":
                    outputs["status"] = "HEALTHY";
                    outputs["uiUrl"] = $"https://{args.Name}.astronomer.run/d1234567";
                    break;
                case "astro:index:Deploy":
                    outputs["status"] = "DEPLOYED";
                    outputs["dagTarballVersion"] = "2025-01-01T00:00:00.0000000Z";
                    break;
            }
            return Task.FromResult<(string?, object)>((id, outputs.ToImmutable()));
        }

        public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
    }

    private sealed class TwoEnvironments : Stack
    {
        public TwoEnvironments()
        {
            _ = new AirflowEnvironment("prod", new AirflowEnvironmentArgs { WorkspaceId = "cws", DagsPath = "../dags" });
            _ = new AirflowEnvironment("dev", new AirflowEnvironmentArgs
            {
                WorkspaceId = "cws",
                DagsPath = "../dags",
                DevelopmentMode = true,
                MaxWorkers = 2,
                Variables = new Dictionary<string, string> { ["LOG_LEVEL"] = "DEBUG" },
            });
        }
    }

    private static Task<ImmutableArray<Resource>> RunAsync() =>
        Deployment.TestAsync<TwoEnvironments>(new Mocks(), new TestOptions { IsPreview = false });

    private static Task<T> ValueOf<T>(Output<T> output)
    {
        var done = new TaskCompletionSource<T>();
        output.Apply(v => { done.SetResult(v); return v; });
        return done.Task;
    }

    [Test]
    public async Task Construct_TwoEnvironments_EachHasOneDeploymentAndOneDeploy()
    {
        var resources = await RunAsync();
        Assert.That(resources.OfType<AirflowEnvironment>().Count(), Is.EqualTo(2));
        Assert.That(resources.OfType<Astro.Deployment>().Count(), Is.EqualTo(2));
        Assert.That(resources.OfType<Astro.Deploy>().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Construct_Defaults_DeploymentIsStandardCeleryWithDefaultQueue()
    {
        var resources = await RunAsync();
        var prod = resources.OfType<Astro.Deployment>().Single(d => d.GetResourceName() == "prod");
        Assert.That(await ValueOf(prod.Type), Is.EqualTo(Astro.DeploymentType.Standard));
        Assert.That(await ValueOf(prod.Executor), Is.EqualTo(Astro.Executor.Celery));
        Assert.That(await ValueOf(prod.IsHighAvailability), Is.True);
        var queues = await ValueOf(prod.WorkerQueues);
        Assert.That(queues.Select(q => (q.Name, q.IsDefault, q.MaxWorkerCount)), Is.EqualTo(new[] { ("default", true, 10) }));
    }

    [Test]
    public async Task Construct_DevelopmentMode_NoHighAvailabilityAndFewerWorkers()
    {
        var resources = await RunAsync();
        var dev = resources.OfType<Astro.Deployment>().Single(d => d.GetResourceName() == "dev");
        Assert.That(await ValueOf(dev.IsDevelopmentMode), Is.True);
        Assert.That(await ValueOf(dev.IsHighAvailability), Is.False);
        Assert.That((await ValueOf(dev.WorkerQueues))[0].MaxWorkerCount, Is.EqualTo(2));
        var variables = await ValueOf(dev.EnvironmentVariables);
        Assert.That(variables.Select(v => v.Key), Is.EqualTo(new[] { "LOG_LEVEL" }));
    }

    [Test]
    public async Task Construct_Deploy_TargetsItsDeploymentAndWaits()
    {
        var resources = await RunAsync();
        var deployments = resources.OfType<Astro.Deployment>().ToDictionary(d => d.GetResourceName());
        foreach (var deploy in resources.OfType<Astro.Deploy>())
        {
            var owner = deploy.GetResourceName().Replace("-dags", "");
            Assert.That(await ValueOf(deploy.DeploymentId), Is.EqualTo(await ValueOf(deployments[owner].Id)));
            Assert.That(await ValueOf(deploy.Type), Is.EqualTo(Astro.DeployType.DagOnly));
            Assert.That(await ValueOf(deploy.WaitForDeployment), Is.True);
        }
    }

    [Test]
    public async Task Construct_Outputs_ComeFromTheDeploymentAndTheDeploy()
    {
        var resources = await RunAsync();
        var prod = resources.OfType<AirflowEnvironment>().Single(e => e.GetResourceName() == "prod");
        Assert.That(await ValueOf(prod.UiUrl), Does.StartWith("https://prod."));
        Assert.That(await ValueOf(prod.Status), Is.EqualTo("HEALTHY"));
        Assert.That(await ValueOf(prod.DagTarballVersion), Is.Not.Empty);
    }
}
