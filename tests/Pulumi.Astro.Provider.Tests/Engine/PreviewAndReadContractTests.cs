using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// A preview of an in-place update keeps known what the update cannot change, so dependents do not show changes;
/// `Resource.get` (step.go ReadStep: Read with the id and empty inputs) reads what an import reads; and a Deployment
/// that never became ready keeps reporting its init failure on refresh (step.go RefreshStep keeps init errors only
/// when Read reports them), so the next up resumes the wait instead of doing nothing.
/// </summary>
public sealed class PreviewAndReadContractTests : EngineFixture
{
    [Test, Category("EngineContract")]
    public async Task Preview_DescriptionChanged_OutputsTheUpdateCannotChangeStayKnown()
    {
        await using var stack = NewStack();
        var name = Unique("preview-known");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var old = stack.State[name].Outputs;

        var preview = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name).Also("description", S("changed"))), preview: true);

        var outputs = preview.Last(name, StepOp.Update).Outputs!;
        Assert.That(outputs.Fields["description"].StringValue, Is.EqualTo("changed"), "the new input shows");
        Assert.Multiple(() =>
        {
            foreach (var output in new[] { "namespace", "uiUrl", "createdAt", "imageRepository", "organizationId", "webServerUrl" })
                Assert.That(outputs.Fields.GetValueOrDefault(output), Is.EqualTo(old.Fields[output]), $"{output} cannot change in an update, so the preview keeps it known");
        });
    }

    [Test]
    public async Task Preview_DescriptionChanged_StatusMayBeUnknown()
    {
        await using var stack = NewStack();
        var name = Unique("preview-status");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        await Sim.Control.ClearRequestsAsync();

        var preview = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name).Also("description", S("changed"))), preview: true);

        var status = preview.Last(name, StepOp.Update).Outputs!.Fields["status"];
        Assert.That(Wire.IsUnknown(status) || status.StringValue == "HEALTHY", Is.True, status.ToString());
        Assert.That(await WritesAsync(), Is.Empty);
    }

    [Test, Category("EngineContract")]
    public async Task Get_Deployment_ReadsTheSameOutputsAsAnImport()
    {
        await using var stack = NewStack();
        var name = Unique("got");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var id = stack.State[name].Id;

        var got = await stack.GetAsync(program, DeploymentType, Unique("got-again"), id);
        var imported = await stack.PluginOf(name).Client.ReadAsync(new ReadRequest { Id = id, Urn = stack.UrnOf(DeploymentType, "imported"), Name = "imported", Type = DeploymentType, Properties = new Struct() });

        Assert.That(got.Properties.Fields.Keys, Is.EquivalentTo(imported.Properties.Fields.Keys));
        Assert.That(got.Properties.Fields.ContainsKey("workerQueues"), Is.True, "Resource.get shows the worker queues");
        Assert.That(got.Properties, Is.EqualTo(imported.Properties));
    }

    [Test, Category("EngineContract")]
    public async Task Refresh_DeploymentStillNotReadyAfterFailedCreate_ReportsInitFailureAndNextUpResumesTheWait()
    {
        await using var stack = NewStack();
        var name = Unique("not-ready");
        // Creating takes 3 s at astro-sim, and the program allows 1 s: the create is a partial failure.
        var slow = NewProgram().Add(DeploymentType, name, PlainDeployment(name), new Options { CreateTimeout = 1 });
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 3);
        try
        {
            Assert.ThrowsAsync<DeploymentFailedException>(() => stack.UpAsync(slow));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
        }
        var partial = stack.State[name];
        Assert.That(partial.InitErrors, Is.Not.Empty, "the replay keeps the partial state with its init errors");

        // Still not ready when refreshed.
        await Sim.Control.ForceStatusAsync("deployment", partial.Id, "UNHEALTHY", "scheduler pods crash-looping");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        try
        {
            await stack.RefreshAsync();
            Assert.That(stack.State[name].InitErrors, Is.Not.Empty, "Read reports the Deployment that is not ready as an init failure (ErrorResourceInitFailed)");
        }
        finally
        {
            await Sim.Control.ForceStatusAsync("deployment", partial.Id, null);
        }

        var up = await stack.UpAsync(program);
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }), "the next up resumes the wait");
        Assert.That(stack.State[name].InitErrors, Is.Empty);
        Assert.That(stack.State[name].Outputs.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
    }

    [Test]
    public async Task Up_AfterFailedCreate_UpdatesToResumeTheWait()
    {
        await using var stack = NewStack();
        var name = Unique("resumed");
        var slow = NewProgram().Add(DeploymentType, name, PlainDeployment(name), new Options { CreateTimeout = 1 });
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 3);
        try
        {
            Assert.ThrowsAsync<DeploymentFailedException>(() => stack.UpAsync(slow));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
        }
        Assert.That(stack.State[name].InitErrors, Is.Not.Empty);

        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }), "init errors in the state make the engine update");
        Assert.That(stack.State[name].Outputs.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        Assert.That(await DeploymentsNamed(name), Has.Count.EqualTo(1), "the wait resumed on the same Deployment");
    }
}
