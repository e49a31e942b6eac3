using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The IP access list. Tests come from 127.0.0.1, so the first range covers it unless a test says otherwise.</summary>
public sealed class AllowedIpTests : SimFixture
{
    private const string Loopback = "127.0.0.0/8";

    private static JObject Range(string cidr) => new() { ["ipAddressRange"] = cidr };

    [Test]
    public async Task Create_FirstRangeCoveringCaller_StoredAndOrganizationReportsIt()
    {
        Assert.That((bool?)(await Api.Get("")).Json["hasAllowedIpAddressRanges"], Is.False);
        var reply = await Api.Post("allowed-ip-address-ranges", Range(Loopback));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["ipAddressRange"], Is.EqualTo(Loopback));
            Assert.That((string?)reply.Json["organizationId"], Is.EqualTo(Sim.OrganizationId));
            Assert.That((string?)reply.Json["id"], Does.Match("^c[a-z0-9]{24}$"));
        });
        Assert.That((bool?)(await Api.Get("")).Json["hasAllowedIpAddressRanges"], Is.True);
        var list = (await Api.Get("allowed-ip-address-ranges")).Json;
        Assert.That(list["allowedIpAddressRanges"]!.Select(r => (string)r["ipAddressRange"]!), Is.EqualTo(new[] { Loopback }));
    }

    [TestCase("127.1.2.3/8", "127.0.0.0/8")]
    [TestCase("127.0.0.1/32", "127.0.0.1/32")]
    [TestCase("0.0.0.0/0", "0.0.0.0/0")]
    public async Task Create_HostBitsSet_StoredAsTheCanonicalNetwork(string sent, string stored)
    {
        var reply = await Api.Post("allowed-ip-address-ranges", Range(sent));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json["ipAddressRange"], Is.EqualTo(stored));
    }

    [Test]
    public async Task Create_Ipv6_AcceptedOnceTheListIsOnAndCanonical()
    {
        await Ok(Api.Post("allowed-ip-address-ranges", Range(Loopback)));
        var reply = await Api.Post("allowed-ip-address-ranges", Range("2001:DB8:0:0::1/32"));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json["ipAddressRange"], Is.EqualTo("2001:db8::/32"));
    }

    [TestCase("-ipAddressRange", "ipAddressRange", "required")]
    [TestCase("ipAddressRange=10.0.0.0", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=10.0.0.0/33", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=10.0/8", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=banana/8", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=10.0.0.0/-1", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange= 10.0.0.0/8", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=2001:db8::/129", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=fe80::1%eth0/64", "ipAddressRange", "invalid")]
    [TestCase("ipAddressRange=7", "ipAddressRange", "invalid_type")]
    [TestCase("ipAddressRange=10.0.0.0/8", "ipAddressRange", "lockout")]
    [TestCase("bogus=1", "bogus", "unknown_field")]
    public async Task Create_RuleBroken_Returns400AndAddsNothing(string change, string field, string code)
    {
        var reply = await Api.Post("allowed-ip-address-ranges", Bodies.Change(Range(Loopback), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get("allowed-ip-address-ranges")).Json["totalCount"]!, Is.Zero);
    }

    [Test]
    public async Task Create_FirstRangeMissesTheCallerAsTheControlApiSetsIt_Returns400Lockout()
    {
        await Api.Post("/_sim/caller-ip", new JObject { ["ip"] = "203.0.113.9" });
        var refused = await Api.Post("allowed-ip-address-ranges", Range("198.51.100.0/24"));
        Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
        Assert.That(refused.Message, Does.Contain("203.0.113.9"));
        Assert.That((await Api.Post("allowed-ip-address-ranges", Range("203.0.113.0/24"))).Status, Is.EqualTo(200));
        Assert.That((await Api.Post("allowed-ip-address-ranges", Range("198.51.100.0/24"))).Status, Is.EqualTo(200), "only the first range must cover the caller");
    }

    [TestCase(Loopback)]
    [TestCase("127.9.9.9/8")]
    public async Task Create_RangeAlreadyAllowed_Returns409(string again)
    {
        await Ok(Api.Post("allowed-ip-address-ranges", Range(Loopback)));
        var reply = await Api.Post("allowed-ip-address-ranges", Range(again));
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
        Assert.That((int)(await Api.Get("allowed-ip-address-ranges")).Json["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task AccessList_CallerOutsideEveryRange_Gets403OnTheApiButNotOnTheControlApi()
    {
        await Ok(Api.Post("allowed-ip-address-ranges", Range(Loopback)));
        Assert.That((await Api.Get("clusters")).Status, Is.EqualTo(200));
        await Api.Post("/_sim/caller-ip", new JObject { ["ip"] = "203.0.113.9" });
        var refused = await Api.Get("clusters");
        Assert.That(refused.Status, Is.EqualTo(403), refused.ToString());
        Assert.That(refused.Message, Does.Contain("203.0.113.9"));
        Assert.That((int?)refused.Body?["statusCode"], Is.EqualTo(403));
        Assert.That((await Api.Get("/_sim/caller-ip")).Status, Is.EqualTo(200));
        await Api.Post("/_sim/caller-ip", new JObject { ["ip"] = null });
        Assert.That((await Api.Get("clusters")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Delete_TheRangeCoveringTheCaller_IsAllowedAndLocksTheCallerOutUntilReset()
    {
        var own = (string)(await Ok(Api.Post("allowed-ip-address-ranges", Range(Loopback)))).Json["id"]!;
        await Ok(Api.Post("allowed-ip-address-ranges", Range("203.0.113.0/24")));
        Assert.That((await Api.Delete($"allowed-ip-address-ranges/{own}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get("allowed-ip-address-ranges")).Status, Is.EqualTo(403), "locked out");
        await Sim.Control.ResetAsync();
        Assert.That((await Api.Get("allowed-ip-address-ranges")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Delete_UnknownOrDeletedRange_Returns404()
    {
        var id = (string)(await Ok(Api.Post("allowed-ip-address-ranges", Range(Loopback)))).Json["id"]!;
        Assert.That((await Api.Delete("allowed-ip-address-ranges/cnosuchrange0000000000000")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"allowed-ip-address-ranges/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Delete($"allowed-ip-address-ranges/{id}")).Status, Is.EqualTo(404));
        Assert.That((bool?)(await Api.Get("")).Json["hasAllowedIpAddressRanges"], Is.False, "the last range removed turns the list off");
    }

    [Test]
    public async Task BulkCreate_OneRangeAlreadyAllowed_Returns409AndAddsNone()
    {
        var created = await Api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray(Loopback, "10.0.0.0/8") });
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        Assert.That(created.Json["allowedIpAddressRanges"]!.Select(r => (string)r["ipAddressRange"]!), Is.EqualTo(new[] { Loopback, "10.0.0.0/8" }));
        var conflict = await Api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray("192.168.0.0/16", "10.1.0.0/8") });
        Assert.That(conflict.Status, Is.EqualTo(409), conflict.ToString());
        Assert.That((int)(await Api.Get("allowed-ip-address-ranges")).Json["totalCount"]!, Is.EqualTo(2), "all or nothing");
    }

    [TestCase("allowedIpAddressRanges=[]", "allowedIpAddressRanges", "count")]
    [TestCase("-allowedIpAddressRanges", "allowedIpAddressRanges", "required")]
    [TestCase("allowedIpAddressRanges=[\"127.0.0.0/8\",\"nope\"]", "allowedIpAddressRanges[1]", "invalid")]
    [TestCase("allowedIpAddressRanges=[\"10.0.0.0/8\"]", "allowedIpAddressRanges", "lockout")]
    public async Task BulkCreate_RuleBroken_Returns400(string change, string field, string code)
    {
        var reply = await Api.Post("allowed-ip-address-ranges/bulk-create", Bodies.Change(new JObject { ["allowedIpAddressRanges"] = new JArray(Loopback) }, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task BulkCreate_SameRangeTwice_Returns409()
    {
        var reply = await Api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray(Loopback, "127.1.0.0/8") });
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
    }

    [Test]
    public async Task BulkDelete_KnownAndUnknownIds_DeletesTheKnownAndRepeatsSucceed()
    {
        var ids = (await Ok(Api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray(Loopback, "10.0.0.0/8", "192.168.0.0/16") })))
            .Json["allowedIpAddressRanges"]!.Select(r => (string)r["id"]!).ToList();
        var body = new JObject { ["allowedIpAddressRangeIds"] = new JArray(ids[1], ids[2], "cnosuchrange0000000000000") };
        var deleted = await Api.Post("allowed-ip-address-ranges/bulk-delete", body);
        Assert.That(deleted.Status, Is.EqualTo(204), deleted.ToString());
        Assert.That((await Api.Post("allowed-ip-address-ranges/bulk-delete", body)).Status, Is.EqualTo(204));
        Assert.That((await Api.Get("allowed-ip-address-ranges")).Json["allowedIpAddressRanges"]!.Select(r => (string)r["id"]!), Is.EqualTo(new[] { ids[0] }));
        Assert.That((await Api.Post("allowed-ip-address-ranges/bulk-delete", new JObject { ["allowedIpAddressRangeIds"] = new JArray() })).Code("allowedIpAddressRangeIds"), Is.EqualTo("count"));
    }

    [Test]
    public async Task List_PagedAndSortedByIpAddress()
    {
        await Ok(Api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray(Loopback, "10.0.0.0/8", "192.168.0.0/16") }));
        var page = (await Api.Get("allowed-ip-address-ranges?sorts=ipAddress:asc&limit=2&offset=1")).Json;
        Assert.That(page["allowedIpAddressRanges"]!.Select(r => (string)r["ipAddressRange"]!), Is.EqualTo(new[] { Loopback, "192.168.0.0/16" }));
        Assert.That((int)page["totalCount"]!, Is.EqualTo(3));
        Assert.That((await Api.Get("allowed-ip-address-ranges?sorts=ipAddressRange:asc")).Code("sorts"), Is.EqualTo("oneof"));
    }

    [Test]
    public async Task CallerIp_ControlApi_RejectsWhatIsNotAnAddress()
    {
        var reply = await Api.Post("/_sim/caller-ip", new JObject { ["ip"] = "not-an-ip" });
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Code("ip"), Is.EqualTo("invalid"));
        Assert.That((string?)(await Api.Get("/_sim/caller-ip")).Json["ip"], Is.EqualTo("127.0.0.1"));
    }

    private static async Task<Reply> Ok(Task<Reply> call)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.InRange(200, 299), reply.ToString());
        return reply;
    }
}
