using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// The replay itself on ordinary programs, which the provider handles today: create, no-diff up, in-place update,
/// create-before-delete replacement, ignoreChanges, replaceOnChanges, preview, refresh, removal and destroy.
/// </summary>
public sealed class ReplaySanityTests : EngineFixture
{
    [Test]
    public async Task Up_NewProgramThenSameProgram_CreatesThenMakesNoWrite()
    {
        await using var stack = NewStack();
        var name = Unique("sane");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));

        var first = await stack.UpAsync(program);
        Assert.That(first.OpsOf(name), Is.EqualTo(new[] { StepOp.Create }));
        var state = stack.State[name];
        Assert.That(state.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(state.Outputs.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        Assert.That(state.Provider, Does.StartWith(stack.ProviderUrn(null) + "::"));

        await Sim.Control.ClearRequestsAsync();
        var second = await stack.UpAsync(program);
        Assert.That(second.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }), second.ToString());
        Assert.That(await WritesAsync(), Is.Empty);
        Assert.That(stack.State[name].Id, Is.EqualTo(state.Id));
    }

    [Test]
    public async Task Up_DescriptionChanged_UpdatesInPlace()
    {
        await using var stack = NewStack();
        var name = Unique("inplace");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var id = stack.State[name].Id;

        var described = PlainDeployment(name);
        described.Fields["description"] = S("now described");
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, described));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        Assert.That(up.Last(name, StepOp.Update).Diff!.Diffs, Is.EquivalentTo(new[] { "description" }));
        Assert.That(stack.State[name].Id, Is.EqualTo(id));
        Assert.That((string?)(await Api(HttpMethod.Get, $"deployments/{id}"))["description"], Is.EqualTo("now described"));
    }

    [Test]
    public async Task Up_RegionChanged_ReplacesCreateBeforeDelete()
    {
        await using var stack = NewStack();
        var name = Unique("moved");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var oldId = stack.State[name].Id;

        var moved = PlainDeployment(name);
        moved.Fields["region"] = S("us-west-2");
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, moved));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.CreateReplacement, StepOp.DeleteReplaced }), "create first, delete after");
        var newId = stack.State[name].Id;
        Assert.That(newId, Is.Not.EqualTo(oldId));
        Assert.That(stack.State.Resources, Has.Count.EqualTo(1));
        Assert.That((string?)(await Api(HttpMethod.Get, $"deployments/{newId}"))["region"], Is.EqualTo("us-west-2"));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.Null, "the old Deployment is gone");
    }

    [Test]
    public async Task Up_ReplacementNeverBecomesHealthy_KeepsBothThenResumesAndDeletesTheOld()
    {
        await using var stack = NewStack();
        var name = Unique("slow-move");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var oldId = stack.State[name].Id;

        var moved = PlainDeployment(name);
        moved.Fields["region"] = S("us-west-2");
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 3);
        try
        {
            Assert.ThrowsAsync<DeploymentFailedException>(() => stack.UpAsync(NewProgram().Add(DeploymentType, name, moved, new Options { CreateTimeout = 1 })));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(deploymentSeconds: Testing.SimServer.FastSeconds);
        }
        var replacement = stack.State[name];
        Assert.That(replacement.Id, Is.Not.EqualTo(oldId));
        Assert.That(replacement.InitErrors, Is.Not.Empty);
        Assert.That(stack.State.Resources.Single(r => r.Id == oldId).Delete, Is.True, "the old Deployment waits for its delete");

        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, moved));
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update, StepOp.DeleteReplaced }));
        Assert.That(stack.State.Resources.Select(r => r.Id), Is.EqualTo(new[] { replacement.Id }));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.Null);
    }

    [Test]
    public async Task Up_IgnoreChangesOnDescription_KeepsOldValueAndSendsNothing()
    {
        await using var stack = NewStack();
        var name = Unique("ignored");
        var original = PlainDeployment(name);
        original.Fields["description"] = S("first");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, original));

        var edited = PlainDeployment(name);
        edited.Fields["description"] = S("second");
        await Sim.Control.ClearRequestsAsync();
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, edited, new Options { IgnoreChanges = ["description"] }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }));
        Assert.That(stack.State[name].Inputs.Fields["description"].StringValue, Is.EqualTo("first"));
        Assert.That(await WritesAsync(), Is.Empty);
    }

    [Test]
    public async Task Up_ReplaceOnChangesAndDeleteBeforeReplaceOptions_DeletesFirstThenCreates()
    {
        await using var stack = NewStack();
        var name = Unique("dbr");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var oldId = stack.State[name].Id;

        var described = PlainDeployment(name);
        described.Fields["description"] = S("replaced by option");
        var options = new Options { ReplaceOnChanges = ["description"], DeleteBeforeReplace = true };
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, described, options));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.DeleteReplaced, StepOp.CreateReplacement }));
        Assert.That(stack.State[name].Id, Is.Not.EqualTo(oldId));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.Null);
    }

    [Test]
    public async Task Preview_ChangedProgram_SendsPreviewAndChangesNothing()
    {
        await using var stack = NewStack();
        var name = Unique("previewed");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var before = stack.State;

        var described = PlainDeployment(name);
        described.Fields["description"] = S("maybe");
        var other = Unique("planned");
        await Sim.Control.ClearRequestsAsync();
        var preview = await stack.UpAsync(NewProgram().Add(DeploymentType, name, described).Add(DeploymentType, other, PlainDeployment(other)), preview: true);

        Assert.That(preview.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        Assert.That(preview.OpsOf(other), Is.EqualTo(new[] { StepOp.Create }));
        Assert.That(preview.Last(other, StepOp.Create).Outputs!.Fields["status"].StringValue, Is.EqualTo(Protocol.Marshal.UnknownSentinel));
        Assert.That(await WritesAsync(), Is.Empty, "a preview writes nothing at Astro");
        Assert.That(stack.State, Is.SameAs(before), "a preview keeps the state");
    }

    [Test]
    public async Task Refresh_UntouchedDeployment_KeepsIdAndNextUpIsSame()
    {
        await using var stack = NewStack();
        var name = Unique("fresh");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var id = stack.State[name].Id;

        var refresh = await stack.RefreshAsync();
        Assert.That(refresh.Steps.Select(s => s.Op), Is.EqualTo(new[] { StepOp.Refresh }));
        Assert.That(stack.State[name].Id, Is.EqualTo(id));
        var up = await stack.UpAsync(program);
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }), up.Last(name, up.OpsOf(name).First()).Diff?.ToString());
    }

    [Test]
    public async Task Refresh_DeletedOutOfBand_RemovesFromStateAndUpCreatesAgain()
    {
        await using var stack = NewStack();
        var name = Unique("vanished");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var id = stack.State[name].Id;
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 0);
        try
        {
            await Api(HttpMethod.Delete, $"deployments/{id}");
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(deploymentSeconds: Testing.SimServer.FastSeconds);
        }

        var refresh = await stack.RefreshAsync();
        Assert.That(refresh.Steps.Select(s => s.Op), Is.EqualTo(new[] { StepOp.ReadGone }));
        Assert.That(stack.State.Find(name), Is.Null);
        var up = await stack.UpAsync(program);
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Create }));
    }

    [Test]
    public async Task Up_ResourceLeftOut_IsDeletedThenDestroyDeletesTheRest()
    {
        await using var stack = NewStack();
        var (kept, dropped) = (Unique("kept"), Unique("dropped"));
        await stack.UpAsync(NewProgram().Add(DeploymentType, kept, PlainDeployment(kept)).Add(DeploymentType, dropped, PlainDeployment(dropped)));
        var (keptId, droppedId) = (stack.State[kept].Id, stack.State[dropped].Id);

        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, kept, PlainDeployment(kept)));
        Assert.That(up.OpsOf(dropped), Is.EqualTo(new[] { StepOp.Delete }));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{droppedId}"))["id"], Is.Null);

        var destroy = await stack.DestroyAsync();
        Assert.That(destroy.OpsOf(kept), Is.EqualTo(new[] { StepOp.Delete }));
        Assert.That(stack.State.Resources, Is.Empty);
        Assert.That(stack.State.Providers, Is.Empty);
        Assert.That((await Api(HttpMethod.Get, $"deployments/{keptId}"))["id"], Is.Null);
    }

    [Test]
    public async Task Up_TokenRotated_UpdatesProviderAndReplacesNothing()
    {
        await using var stack = NewStack();
        var name = Unique("rotated");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);

        // A new token: DiffConfig says update, the provider is configured again, its resources stay (no API call is
        // needed for an unchanged program, so astro-sim's single token does not matter here).
        var config = Config();
        config.Fields["token"] = Secret(S("a-rotated-token-value"));
        var up = await stack.UpAsync(program.WithConfig(config));

        Assert.That(up.Steps.Single(s => s.IsProvider).Op, Is.EqualTo(StepOp.Update));
        Assert.That(up.Replaced, Is.Empty);
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }));
        Assert.That(stack.State.Providers.Single().Id, Is.EqualTo(stack.State[name].Provider.Split("::")[^1]), "the resource keeps its provider reference");
        Assert.That(Pool.Stderr, Does.Not.Contain("a-rotated-token-value"));
    }

    [Test]
    public async Task Import_OptionOnMatchingProgram_ImportsWithoutWrites()
    {
        await using var creator = NewStack();
        var name = Unique("adopted");
        await creator.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var id = creator.State[name].Id;

        await using var stack = NewStack();
        await Sim.Control.ClearRequestsAsync();
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name), new Options { Import = id }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Import }));
        Assert.That(stack.State[name].Id, Is.EqualTo(id));
        Assert.That(await WritesAsync(), Is.Empty);
        var again = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name), new Options { Import = id }));
        Assert.That(again.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }), "the id in the state matches the option: no second import");
    }

    [Test]
    public async Task Up_CheckFailure_StopsBeforeAnyWrite()
    {
        await using var stack = NewStack();
        var name = Unique("invalid");
        var bad = PlainDeployment(name);
        bad.Fields["region"] = N(5);
        await Sim.Control.ClearRequestsAsync();

        var e = Assert.ThrowsAsync<DeploymentFailedException>(() => stack.UpAsync(NewProgram().Add(DeploymentType, name, bad)))!;
        Assert.That(e.Message, Does.Contain("region: must be a string"));
        Assert.That(await WritesAsync(), Is.Empty);
        Assert.That(stack.State.Resources, Is.Empty);
    }

    [Test]
    public async Task Diff_NoChange_EngineSeesDiffNone()
    {
        await using var stack = NewStack();
        var name = Unique("nodiff");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var up = await stack.UpAsync(program);
        Assert.That(up.Last(name, StepOp.Same).Diff!.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone));
    }
}
