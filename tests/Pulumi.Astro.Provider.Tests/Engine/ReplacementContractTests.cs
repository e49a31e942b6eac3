using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Create-before-delete replacement never removes the new resource. A HibernationOverride's id is its Deployment's id,
/// so the engine's Delete(old) after Create(new) would remove the override it just made (step_generator.go creates a
/// replacement first unless the Diff answer or the option says deleteBeforeReplace). Its Diff must say
/// deleteBeforeReplace; that answer counts whenever a replacement follows, including one asked by replaceOnChanges.
/// </summary>
public sealed class ReplacementContractTests : EngineFixture
{
    private async Task<string> DevelopmentDeployment(EngineReplay stack, StackProgram program, string name)
    {
        program.Add(DeploymentType, name, ResourceSamples.DevelopmentDeployment(Sim.WorkspaceId, name));
        await stack.UpAsync(program);
        return stack.State[name].Id;
    }

    private async Task<Newtonsoft.Json.Linq.JToken?> LiveOverride(string deploymentId) =>
        (await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["scalingSpec"]?["hibernationSpec"]?["override"];

    [Test, Category("EngineContract")]
    public async Task Diff_DeploymentIdChanged_ReplacesWithDeleteBeforeReplace()
    {
        var plugin = await Pool.RentAsync();
        try
        {
            const string urn = "urn:pulumi:dev::proj::astro:index:HibernationOverride::nap";
            var olds = Struct(("deploymentId", S("cdeploymentaaaaaaaaaaaaaa")), ("isHibernating", B(true)));
            var news = Struct(("deploymentId", S("cdeploymentbbbbbbbbbbbbbb")), ("isHibernating", B(true)));
            var diff = await plugin.Client.DiffAsync(new DiffRequest { Id = "cdeploymentaaaaaaaaaaaaaa", Urn = urn, Name = "nap", Type = HibernationOverrideType, OldInputs = olds, Olds = olds, News = news });
            Assert.That(diff.Replaces, Is.EquivalentTo(new[] { "deploymentId" }));
            Assert.That(diff.DeleteBeforeReplace, Is.True, "the old override must go before the new one is set");
        }
        finally
        {
            Pool.Return(plugin);
        }
    }

    [Test, Category("EngineContract")]
    public async Task Up_OverrideMovedToAnotherDeployment_DeletesFirstAndTheNewOverrideStays()
    {
        await using var stack = NewStack();
        var program = NewProgram();
        var first = await DevelopmentDeployment(stack, program, Unique("sleepy-a"));
        var second = await DevelopmentDeployment(stack, program, Unique("sleepy-b"));
        var nap = Unique("nap");
        await stack.UpAsync(program.Add(HibernationOverrideType, nap, Struct(("deploymentId", S(first)), ("isHibernating", B(true)))));

        var moved = program.With(nap, d => d with { Inputs = Struct(("deploymentId", S(second)), ("isHibernating", B(true))) });
        var up = await stack.UpAsync(moved);

        Assert.That(up.OpsOf(nap), Is.EqualTo(new[] { StepOp.DeleteReplaced, StepOp.CreateReplacement }), up.ToString());
        Assert.That(await LiveOverride(first), Is.Null);
        Assert.That((bool?)(await LiveOverride(second))?["isHibernating"], Is.True);
        var refresh = await stack.RefreshAsync();
        Assert.That(refresh.OpsOf(nap), Is.EqualTo(new[] { StepOp.Refresh }), "Read finds the override");
    }

    [Test, Category("EngineContract")]
    public async Task Up_OverrideReplacedOnTheSameDeployment_OverrideStillExistsAndReadFindsIt()
    {
        await using var stack = NewStack();
        var program = NewProgram();
        var deploymentId = await DevelopmentDeployment(stack, program, Unique("sleepy"));
        var nap = Unique("nap");
        // replaceOnChanges turns the in-place change of isHibernating into a replacement (applyReplaceOnChanges); the
        // replacement keeps the id, because the id is the Deployment's.
        var options = new Options { ReplaceOnChanges = ["isHibernating"] };
        program.Add(HibernationOverrideType, nap, Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))), options);
        await stack.UpAsync(program);

        var awake = program.With(nap, d => d with { Inputs = Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(false)), ("overrideUntil", S("2999-01-01T00:00:00Z"))) });
        var up = await stack.UpAsync(awake);

        Assert.That(up.Replaced, Is.EqualTo(new[] { nap }));
        var live = await LiveOverride(deploymentId);
        Assert.That(live, Is.Not.Null, "the replacement's override must exist after the old one was deleted: " + up);
        Assert.That((bool?)live!["isHibernating"], Is.False);
        var refresh = await stack.RefreshAsync();
        Assert.That(refresh.OpsOf(nap), Is.EqualTo(new[] { StepOp.Refresh }), "Read finds the override");
        Assert.That(stack.State[nap].Inputs.Fields["isHibernating"].BoolValue, Is.False);
    }
}
