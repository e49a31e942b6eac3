using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// A lost create answer never adopts a foreign object. astro-sim loses the answer to a create POST after handling it
/// (afterHandling: a 503 from a gateway, or a dropped connection), or fails it before handling (nothing was made).
/// The plugin may adopt only an object that this create made; otherwise it fails saying it is safe to run again.
/// A create-before-delete replacement keeps the name, so the old object is a same-named object too. Astro's createdAt
/// has whole seconds, so "the newest with that name" cannot tell two objects made in the same second apart: the
/// answer-lost cases fail whenever the two creates share a second.
/// </summary>
public sealed class LostCreateContractTests : EngineFixture
{
    private static SimFault LostAnswer(string collection, bool drop) =>
        new() { Method = "POST", PathPattern = $"/{collection}$", AfterHandling = true, Drop = drop, Status = drop ? null : 503 };

    private static SimFault NotProcessed(string collection, bool drop) =>
        new() { Method = "POST", PathPattern = $"/{collection}$", AfterHandling = false, Drop = drop, Status = drop ? null : 503 };

    private async Task<T> WithFault<T>(SimFault fault, Func<Task<T>> body)
    {
        await Sim.Control.AddFaultAsync(fault);
        try
        {
            return await body();
        }
        finally
        {
            await Sim.Control.ClearFaultsAsync();
        }
    }

    private async Task<Exception?> FailureWithFault(SimFault fault, Func<Task> body) => await WithFault<Exception?>(fault, async () =>
    {
        try
        {
            await body();
            return null;
        }
        catch (DeploymentFailedException e)
        {
            return e;
        }
    });

    [TestCase(false)]
    [TestCase(true)]
    [Category("EngineContract")]
    public async Task Up_ReplacementCreateAnswerLost_StatePointsAtTheNewDeploymentAndTheOldIsDeleted(bool drop)
    {
        await using var stack = NewStack();
        var name = Unique("cbd-lost");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var oldId = stack.State[name].Id;

        var moved = PlainDeployment(name);
        moved.Fields["region"] = S("us-west-2");
        var up = await WithFault(LostAnswer("deployments", drop), () => stack.UpAsync(NewProgram().Add(DeploymentType, name, moved)));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.CreateReplacement, StepOp.DeleteReplaced }));
        var newId = stack.State[name].Id;
        Assert.That(newId, Is.Not.EqualTo(oldId), "the state must point at the Deployment the replacement created");
        var live = await Api(HttpMethod.Get, $"deployments/{newId}");
        Assert.That((string?)live["region"], Is.EqualTo("us-west-2"));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.Null, "the old Deployment is deleted");
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("EngineContract")]
    public async Task Up_ReplacementCreateNeverProcessed_FailsSafeToRunAgainAndKeepsTheOld(bool drop)
    {
        await using var stack = NewStack();
        var name = Unique("cbd-unsent");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var oldId = stack.State[name].Id;

        var moved = PlainDeployment(name);
        moved.Fields["region"] = S("us-west-2");
        var error = await FailureWithFault(NotProcessed("deployments", drop), () => stack.UpAsync(NewProgram().Add(DeploymentType, name, moved)));

        Assert.That(error, Is.Not.Null, "nothing was created, so the replacement cannot succeed: " + string.Join(", ", stack.State.Resources.Select(r => r.Id)));
        Assert.That(error!.Message, Does.Contain("safe to run again"));
        Assert.That(stack.State[name].Id, Is.EqualTo(oldId), "the state still points at the old Deployment");
        Assert.That((string?)(await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.EqualTo(oldId), "the old Deployment was not deleted");
        Assert.That(await DeploymentsNamed(name), Has.Count.EqualTo(1));
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("EngineContract")]
    public async Task Up_SameNameInAnotherStackAndAnswerLost_AdoptsOnlyTheOneItMade(bool drop)
    {
        var name = Unique("twin");
        await using var otherStack = NewStack();
        await otherStack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var foreignId = otherStack.State[name].Id;

        await using var stack = NewStack();
        await WithFault(LostAnswer("deployments", drop), () => stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name))));

        var ownId = stack.State[name].Id;
        Assert.That(ownId, Is.Not.EqualTo(foreignId), "the other stack's Deployment must not be adopted");
        Assert.That((await DeploymentsNamed(name)).Select(d => (string?)d["id"]), Is.EquivalentTo(new[] { foreignId, ownId }));
        await stack.DestroyAsync();
        Assert.That((string?)(await Api(HttpMethod.Get, $"deployments/{foreignId}"))["id"], Is.EqualTo(foreignId), "destroying this stack leaves the other's Deployment");
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("EngineContract")]
    public async Task Up_SameNameInAnotherStackAndPostNotProcessed_FailsSafeToRunAgainAdoptsNothing(bool drop)
    {
        var name = Unique("twin-unsent");
        await using var otherStack = NewStack();
        await otherStack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var foreignId = otherStack.State[name].Id;

        await using var stack = NewStack();
        var error = await FailureWithFault(NotProcessed("deployments", drop), () => stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name))));

        Assert.That(error, Is.Not.Null, "nothing was created, so the create cannot succeed; the state holds " + string.Join(", ", stack.State.Resources.Select(r => r.Id)));
        Assert.That(error!.Message, Does.Contain("safe to run again"));
        Assert.That(stack.State.Resources, Is.Empty, "nothing is adopted");
        Assert.That((await DeploymentsNamed(name)).Select(d => (string?)d["id"]), Is.EqualTo(new[] { foreignId }));
    }

    [Test, Category("EngineContract")]
    public async Task Up_ClusterSameNameElsewhereAndAnswerLost_AdoptsOnlyTheOneItMade()
    {
        var name = Unique("twin-cluster");
        await using var otherStack = NewStack();
        await otherStack.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name)));
        var foreignId = otherStack.State[name].Id;

        await using var stack = NewStack();
        await WithFault(LostAnswer("clusters", drop: false), () => stack.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name))));

        var ownId = stack.State[name].Id;
        Assert.That(ownId, Is.Not.EqualTo(foreignId), "the other stack's cluster must not be adopted");
        Assert.That((await ClustersNamed(name)).Select(c => (string?)c["id"]), Is.EquivalentTo(new[] { foreignId, ownId }));
    }

    [Test, Category("EngineContract")]
    public async Task Up_ClusterSameNameElsewhereAndPostNotProcessed_FailsSafeToRunAgainAdoptsNothing()
    {
        var name = Unique("twin-cluster-unsent");
        await using var otherStack = NewStack();
        await otherStack.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name)));
        var foreignId = otherStack.State[name].Id;

        await using var stack = NewStack();
        var error = await FailureWithFault(NotProcessed("clusters", drop: false), () => stack.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name))));

        Assert.That(error, Is.Not.Null, "nothing was created, so the create cannot succeed; the state holds " + string.Join(", ", stack.State.Resources.Select(r => r.Id)));
        Assert.That(error!.Message, Does.Contain("safe to run again"));
        Assert.That(stack.State.Resources, Is.Empty, "nothing is adopted");
        Assert.That((await ClustersNamed(name)).Select(c => (string?)c["id"]), Is.EqualTo(new[] { foreignId }));
    }

    [Test]
    public async Task Up_CreateNeverProcessedAndNoSameName_FailsSafeToRunAgainThenSucceeds()
    {
        await using var stack = NewStack();
        var name = Unique("unsent");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        var error = await FailureWithFault(NotProcessed("deployments", drop: false), () => stack.UpAsync(program));

        Assert.That(error?.Message, Does.Contain("safe to run again"));
        Assert.That(stack.State.Resources, Is.Empty);
        var up = await stack.UpAsync(program);
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Create }));
        Assert.That(await DeploymentsNamed(name), Has.Count.EqualTo(1));
    }
}
