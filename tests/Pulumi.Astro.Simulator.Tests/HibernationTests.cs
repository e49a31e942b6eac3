using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class HibernationTests : SimFixture
{
    private async Task<string> DevDeployment(JObject? scalingSpec = null)
    {
        var body = Bodies.Change(Bodies.Standard(Sim.WorkspaceId), "isDevelopmentMode=true");
        if (scalingSpec is not null) body["scalingSpec"] = scalingSpec;
        var reply = await Api.Post("deployments", body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var id = (string)reply.Json["id"]!;
        await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] != "CREATING");
        return id;
    }

    [Test]
    public async Task Override_SetAndCleared_HibernatesThenWakes()
    {
        var id = await DevDeployment();
        var set = await Api.Post($"deployments/{id}/hibernation-override", new JObject { ["isHibernating"] = true });
        Assert.That(set.Status, Is.EqualTo(200), set.ToString());
        Assert.That((bool?)set.Json["isActive"], Is.True);
        Assert.That((bool?)set.Json["isHibernating"], Is.True);
        var d = (await Api.Get($"deployments/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)d["status"], Is.EqualTo("HIBERNATING"));
            Assert.That((bool?)d["scalingSpec"]!["hibernationSpec"]!["override"]!["isActive"], Is.True);
            Assert.That((bool?)d["scalingStatus"]!["hibernationStatus"]!["isHibernating"], Is.True);
        });

        Assert.That((await Api.Delete($"deployments/{id}/hibernation-override")).Status, Is.EqualTo(204));
        Assert.That((string?)(await Api.Get($"deployments/{id}")).Json["status"], Is.EqualTo("HEALTHY"));
    }

    [Test]
    public async Task Override_UntilInThePast_Returns400()
    {
        var id = await DevDeployment();
        var reply = await Api.Post($"deployments/{id}/hibernation-override", new JObject { ["isHibernating"] = true, ["overrideUntil"] = "2020-01-01T00:00:00Z" });
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Code("overrideUntil"), Is.EqualTo("invalid"));
    }

    [Test]
    public async Task Override_UntilInTheFuture_ReportsNextWake()
    {
        var id = await DevDeployment();
        var until = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        await Api.Post($"deployments/{id}/hibernation-override", new JObject { ["isHibernating"] = true, ["overrideUntil"] = until });
        var status = (await Api.Get($"deployments/{id}")).Json["scalingStatus"]!["hibernationStatus"]!;
        Assert.That((string?)status["nextEventType"], Is.EqualTo("WAKE"));
        Assert.That((string?)status["nextEventAt"], Is.EqualTo(until));
    }

    [Test]
    public async Task Override_NotDevelopmentMode_Returns400()
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        var reply = await Api.Post($"deployments/{id}/hibernation-override", new JObject { ["isHibernating"] = true });
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Message, Does.Contain("development mode"));
        Assert.That((await Api.Delete($"deployments/{id}/hibernation-override")).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Override_MissingIsHibernating_Returns400()
    {
        var id = await DevDeployment();
        var reply = await Api.Post($"deployments/{id}/hibernation-override", new JObject());
        Assert.That(reply.Code("isHibernating"), Is.EqualTo("required"), reply.ToString());
    }

    // The last event of "every minute" is always more recent than that of "once a year on 1 January".
    [TestCase("* * * * *", "0 0 1 1 *", "HIBERNATING")]
    [TestCase("0 0 1 1 *", "* * * * *", "HEALTHY")]
    public async Task Schedule_LastEventDecidesStatus(string hibernateAt, string wakeAt, string expected)
    {
        var spec = new JObject
        {
            ["hibernationSpec"] = new JObject
            {
                ["schedules"] = new JArray(new JObject { ["hibernateAtCron"] = hibernateAt, ["wakeAtCron"] = wakeAt, ["isEnabled"] = true, ["description"] = "office hours" }),
            },
        };
        var id = await DevDeployment(spec);
        var d = (await Api.Get($"deployments/{id}")).Json;
        Assert.That((string?)d["status"], Is.EqualTo(expected));
        Assert.That((string?)d["scalingStatus"]!["hibernationStatus"]!["nextEventAt"], Is.Not.Null);
    }

    [Test]
    public async Task Schedule_Disabled_IsIgnored()
    {
        var spec = new JObject
        {
            ["hibernationSpec"] = new JObject
            {
                ["schedules"] = new JArray(new JObject { ["hibernateAtCron"] = "* * * * *", ["wakeAtCron"] = "0 0 1 1 *", ["isEnabled"] = false }),
            },
        };
        var id = await DevDeployment(spec);
        Assert.That((string?)(await Api.Get($"deployments/{id}")).Json["status"], Is.EqualTo("HEALTHY"));
    }
}
