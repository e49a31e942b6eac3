using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class FaultTests : SimFixture
{
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    public async Task Fault_Status_AnsweredWithErrorBodyThenClears(int status)
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/clusters$", Status = status, RetryAfter = "2", Times = 2 });
        var first = await Api.Get("clusters");
        var second = await Api.Get("clusters");
        var third = await Api.Get("clusters");
        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(status));
            Assert.That((int?)first.Body?["statusCode"], Is.EqualTo(status));
            Assert.That(first.Raw.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(second.Status, Is.EqualTo(status));
            Assert.That(third.Status, Is.EqualTo(200), "the fault applied twice only");
        });
    }

    [Test]
    public async Task Fault_MethodMismatch_DoesNotApply()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", Status = 503, Times = 0 });
        Assert.That((await Api.Get("clusters")).Status, Is.EqualTo(200));
        Assert.That((await Api.Post("clusters", Bodies.AwsCluster())).Status, Is.EqualTo(503));
        Assert.That((int)(await Api.Get("clusters")).Json["totalCount"]!, Is.Zero, "a faulted request is not processed");
    }

    [Test]
    public async Task Fault_Drop_ConnectionAbortedAndLoggedAsZero()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", Drop = true });
        Assert.That(async () => await Api.Post("clusters", Bodies.AwsCluster()), Throws.InstanceOf<HttpRequestException>());
        var log = await Sim.Control.RequestsAsync();
        Assert.That(log.Single().Status, Is.Zero);
        Assert.That((int)(await Api.Get("clusters")).Json["totalCount"]!, Is.Zero);
    }

    [Test]
    public async Task Fault_DropAfterHandling_ProcessedButAnswerLost()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", Drop = true, AfterHandling = true });
        Assert.That(async () => await Api.Post("clusters", Bodies.AwsCluster()), Throws.InstanceOf<HttpRequestException>());
        Assert.That((int)(await Api.Get("clusters")).Json["totalCount"]!, Is.EqualTo(1), "the create happened although its answer was lost");
        Assert.That((await Sim.Control.RequestsAsync())[0].Status, Is.Zero);
    }

    [Test]
    public async Task Fault_StatusAfterHandling_ProcessedThenError()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", Status = 502, AfterHandling = true });
        var reply = await Api.Post("clusters", Bodies.AwsCluster());
        Assert.That(reply.Status, Is.EqualTo(502));
        Assert.That((int)(await Api.Get("clusters")).Json["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task RequestLog_HasTheRequestAsSoonAsTheAnswerArrives()
    {
        for (var i = 0; i < 20; i++)
        {
            await Api.Get("workspaces");
            Assert.That(await Sim.Control.RequestsAsync(), Has.Count.EqualTo(i + 1));
        }
    }

    [Test]
    public async Task Fault_Delay_DelaysThenProcesses()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", DelayMs = 300 });
        var started = DateTime.UtcNow;
        var reply = await Api.Post("clusters", Bodies.AwsCluster());
        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)));
    }

    [Test]
    public async Task Fault_Probability_AppliesToAShare()
    {
        await Sim.Control.AddFaultAsync(new SimFault { PathPattern = "/workspaces$", Status = 429, Times = 0, Probability = 0.5 });
        var statuses = new List<int>();
        for (var i = 0; i < 200; i++) statuses.Add((await Api.Get("workspaces")).Status);
        // Binomial(200, 0.5): outside 60..140 has a probability far below 1e-8.
        Assert.That(statuses.Count(s => s == 429), Is.InRange(60, 140));
        Assert.That(statuses.Where(s => s != 429), Is.All.EqualTo(200));
    }

    [Test]
    public async Task Fault_Cleared_NoLongerApplies()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Status = 500, Times = 0 });
        Assert.That((await Api.Get("clusters")).Status, Is.EqualTo(500));
        await Sim.Control.ClearFaultsAsync();
        Assert.That((await Api.Get("clusters")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Fault_BadDefinition_Returns400()
    {
        Assert.That(async () => await Sim.Control.AddFaultAsync(new SimFault { PathPattern = "([", Status = 500 }), Throws.InvalidOperationException.With.Message.Contains("400"));
        Assert.That(async () => await Sim.Control.AddFaultAsync(new SimFault { Status = 200 }), Throws.InvalidOperationException.With.Message.Contains("status"));
        Assert.That(async () => await Sim.Control.AddFaultAsync(new SimFault()), Throws.InvalidOperationException);
    }

    [Test]
    public async Task RequestLog_RecordsMethodPathQueryStatus_ExcludesControl()
    {
        await Api.Get("clusters?limit=5");
        await Api.Get("clusters/cnosuchcluster00000000000");
        await Sim.Control.SetTimingsAsync(clusterSeconds: 1);
        var log = await Sim.Control.RequestsAsync();
        Assert.That(log, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(log[0].Method, Is.EqualTo("GET"));
            Assert.That(log[0].Path, Is.EqualTo($"/v1/organizations/{Sim.OrganizationId}/clusters"));
            Assert.That(log[0].Query, Is.EqualTo("?limit=5"));
            Assert.That(log[0].Status, Is.EqualTo(200));
            Assert.That(log[1].Status, Is.EqualTo(404));
            Assert.That(log[1].Time, Is.GreaterThanOrEqualTo(log[0].Time));
        });
        await Sim.Control.ClearRequestsAsync();
        Assert.That(await Sim.Control.RequestsAsync(), Is.Empty);
    }

    [Test]
    public async Task Reset_ClearsObjectsFaultsAndLog()
    {
        await Api.Post("clusters", Bodies.AwsCluster());
        await Sim.Control.AddFaultAsync(new SimFault { PathPattern = "/nothing", Status = 500, Times = 0 });
        await Sim.Control.ResetAsync();
        Assert.That(await Sim.Control.RequestsAsync(), Is.Empty);
        Assert.That((int)(await Api.Get("clusters")).Json["totalCount"]!, Is.Zero);
        Assert.That((int)(await Api.Get("workspaces")).Json["totalCount"]!, Is.EqualTo(1), "the seed is back");
    }
}
