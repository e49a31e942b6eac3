using Grpc.Core;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// A Deploy under the engine's call patterns: `ignoreChanges: [contentHash]` copies the old hash into the new inputs
/// before Check (step_generator.go processIgnoreChanges), so Check must accept its own output and an edited DAG folder
/// is not shipped; `pulumi import` (step.go ImportStep, planned) reads with no inputs and checks what it read, and a
/// Deploy, whose files Astro cannot give back, must be refused there with a clear message.
/// </summary>
public sealed class DeployContractTests : EngineFixture
{
    private DagFolder _dags = null!;

    [SetUp]
    public void NewDags() => _dags = new DagFolder();

    [TearDown]
    public void DropDags() => _dags.Dispose();

    /// <summary>A stack with a Deployment and a Deploy of the DAG folder to it, both created.</summary>
    private async Task<(EngineReplay Stack, StackProgram Program, string Deploy)> Shipped()
    {
        var stack = NewStack();
        var target = Unique("dag-target");
        var program = NewProgram().Add(DeploymentType, target, PlainDeployment(target));
        await stack.UpAsync(program);
        var deploy = Unique("ship");
        program.Add(DeployType, deploy, Struct(("deploymentId", S(stack.State[target].Id)), ("dagsPath", S(_dags.Path)), ("description", S("ship DAGs"))));
        await stack.UpAsync(program);
        return (stack, program, deploy);
    }

    [Test, Category("EngineContract")]
    public async Task Up_IgnoreChangesContentHashAfterDagEdit_ChecksAndShipsNothing()
    {
        var (stack, program, deploy) = await Shipped();
        await using var _ = stack;
        var shipped = stack.State[deploy];
        _dags.Write("hello.py", DagFolder.DagSource.Replace("echo hello from pulumi", "echo edited, but ignored"));

        await Sim.Control.ClearRequestsAsync();
        var up = await stack.UpAsync(program.With(deploy, d => d with { Options = new Options { IgnoreChanges = ["contentHash"] } }));

        Assert.That(up.OpsOf(deploy), Is.EqualTo(new[] { StepOp.Same }), up.ToString());
        Assert.That(await WritesAsync(), Is.Empty, "nothing is shipped");
        Assert.That(stack.State[deploy].Id, Is.EqualTo(shipped.Id));
        Assert.That(stack.State[deploy].Inputs.Fields["contentHash"], Is.EqualTo(shipped.Inputs.Fields["contentHash"]), "the ignored hash is the old one");
    }

    [Test]
    public async Task Up_DagEditedWithoutIgnoreChanges_ShipsANewDeploy()
    {
        var (stack, program, deploy) = await Shipped();
        await using var _ = stack;
        var shipped = stack.State[deploy];
        _dags.Write("hello.py", DagFolder.DagSource.Replace("echo hello from pulumi", "echo edited"));

        var up = await stack.UpAsync(program);

        Assert.That(up.OpsOf(deploy), Is.EqualTo(new[] { StepOp.CreateReplacement, StepOp.DeleteReplaced }));
        Assert.That(stack.State[deploy].Id, Is.Not.EqualTo(shipped.Id));
    }

    [Test, Category("EngineContract")]
    public async Task Import_Deploy_ReadRefusesWithCannotBeImported()
    {
        var (stack, program, deploy) = await Shipped();
        await using var _ = stack;
        var id = stack.State[deploy].Id;

        var e = Assert.ThrowsAsync<DeploymentFailedException>(() => stack.ImportAsync(program, DeployType, Unique("imported-deploy"), id),
            "`pulumi import` of a Deploy must be refused by Read: its generated program cannot pass Check (no dagsPath)")!;
        var rpc = e.InnerException as RpcException;
        Assert.That(rpc?.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), e.Message);
        Assert.That(rpc!.Status.Detail, Does.Contain("cannot be imported"));
    }
}
