using Google.Protobuf.WellKnownTypes;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Refresh on an unchanged program changes nothing. The engine replaces the state's inputs with Read's on refresh
/// (step.go RefreshStep), so Read must give back the program's own representation of every property shape: empty
/// strings, empty lists, explicit defaults, lists whose order does not matter. Three `pulumi up --refresh` in a row
/// make no write after the first up.
/// </summary>
public sealed class RefreshContractTests : EngineFixture
{
    /// <summary>A program shape: what to add to (or take out of) the base program of its resource type.</summary>
    public sealed record Shape(string Type, Action<Struct> Edit);

    public static IEnumerable<TestCaseData> Shapes()
    {
        TestCaseData Row(string label, string type, Action<Struct> edit, bool failsToday = true)
        {
            var row = new TestCaseData(new Shape(type, edit)).SetArgDisplayNames(label);
            return failsToday ? row.SetCategory("EngineContract") : row;
        }

        yield return Row("Deployment description empty", DeploymentType, d => d.Fields["description"] = S(""));
        yield return Row("Deployment contactEmails empty", DeploymentType, d => d.Fields["contactEmails"] = List());
        yield return Row("Deployment environmentVariables empty", DeploymentType, d => d.Fields["environmentVariables"] = List(), failsToday: false);
        yield return Row("Deployment explicit defaults", DeploymentType, d =>
        {
            d.Fields["executor"] = S("CELERY");
            d.Fields["isCicdEnforced"] = B(false);
            d.Fields["isDagDeployEnabled"] = B(true);
            d.Fields["isDevelopmentMode"] = B(false);
            d.Fields["isHighAvailability"] = B(false);
            d.Fields["schedulerSize"] = S("SMALL");
            d.Fields["waitForHealthy"] = B(true);
        }, failsToday: false);
        yield return Row("Deployment contactEmails out of order", DeploymentType,
            d => d.Fields["contactEmails"] = List(S("zoe@example.com"), S("adam@example.com")), failsToday: false);
        yield return Row("Deployment plain variable with empty value", DeploymentType,
            d => d.Fields["environmentVariables"] = List(Obj(("key", S("EMPTY")), ("value", S("")), ("isSecret", B(false)))), failsToday: false);
        yield return Row("Cluster k8sTags empty", ClusterType, c => c.Fields["k8sTags"] = List(), failsToday: false);
        yield return Row("Cluster explicit defaults", ClusterType, c => c.Fields["isPrivateNetworkEgressEnabled"] = B(false), failsToday: false);
        yield return Row("Cluster tags out of order", ClusterType,
            c => c.Fields["k8sTags"] = List(Obj(("key", S("zone")), ("value", S("b"))), Obj(("key", S("app")), ("value", S("a")))), failsToday: false);
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task RefreshThenUp_ThreeRoundsOnUnchangedProgram_NoWriteAfterTheFirstUp(Shape shape)
    {
        await using var stack = NewStack();
        var name = Unique("steady");
        var inputs = shape.Type == DeploymentType ? PlainDeployment(name) : ClusterInputs.Aws(Sim.WorkspaceId, name);
        shape.Edit(inputs);
        var program = NewProgram().Add(shape.Type, name, inputs);
        await stack.UpAsync(program);

        await Sim.Control.ClearRequestsAsync();
        for (var round = 1; round <= 3; round++)
        {
            await stack.RefreshAsync();
            var up = await stack.UpAsync(program);
            var step = up.ResourceSteps.Single(s => s.Name == name);
            Assert.That(step.Op, Is.EqualTo(StepOp.Same), $"round {round}: {step.Diff}");
        }
        Assert.That(await WritesAsync(), Is.Empty, "refresh and up on an unchanged program write nothing");
    }
}
