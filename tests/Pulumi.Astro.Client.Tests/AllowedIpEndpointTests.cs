using System.Net;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The IP access list and the organization update against astro-sim. The client reaches astro-sim from 127.0.0.1, so
/// the first range covers it.
/// </summary>
public sealed class AllowedIpEndpointTests : SimTestBase
{
    private const string Loopback = "127.0.0.0/8";

    [Test]
    public async Task Ranges_CreateBulkCreateListAndDelete_TrackTheList()
    {
        var client = NewClient();

        var own = await client.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = "127.0.0.1/8" }, Ct);
        var bulk = await client.BulkCreateAllowedIpAddressRangesAsync(new BulkCreateAllowedIpAddressRangesRequest { AllowedIpAddressRanges = ["10.0.0.0/8", "2001:db8::/32"] }, Ct);
        var all = await client.ListAllAllowedIpAddressRangesAsync(new ListAllowedIpAddressRangesQuery { Limit = 1, Sorts = ["ipAddress:asc"] }, Ct);
        var org = await client.GetOrganizationAsync(false, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(own.IpAddressRange, Is.EqualTo(Loopback), "Astro stores the canonical network");
            Assert.That(own.OrganizationId, Is.EqualTo(Sim.OrganizationId));
            Assert.That(own.CreatedBy!.SubjectType, Is.EqualTo(SubjectType.ServiceKey));
            Assert.That(bulk.AllowedIpAddressRanges.Select(r => r.IpAddressRange), Is.EqualTo(new[] { "10.0.0.0/8", "2001:db8::/32" }));
            Assert.That(all.Select(r => r.IpAddressRange), Is.EqualTo(new[] { "10.0.0.0/8", Loopback, "2001:db8::/32" }));
            Assert.That(org.HasAllowedIpAddressRanges, Is.True);
        });

        await client.BulkDeleteAllowedIpAddressRangesAsync(new BulkDeleteAllowedIpAddressRangesRequest
        {
            AllowedIpAddressRangeIds = [.. bulk.AllowedIpAddressRanges.Select(r => r.Id)],
        }, Ct);
        await client.DeleteAllowedIpAddressRangeAsync(own.Id, Ct);

        var left = await client.ListAllowedIpAddressRangesAsync(null, Ct);
        Assert.That(left.TotalCount, Is.Zero);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.DeleteAllowedIpAddressRangeAsync(own.Id, Ct))!.IsNotFound, Is.True);
    }

    [Test]
    public void CreateRange_FirstRangeMissingTheCaller_ThrowsBadRequestWithLockoutCode()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() =>
            NewClient().CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = "10.0.0.0/8" }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("ipAddressRange", "lockout") }));
        Assert.That(e.Message, Does.Contain("127.0.0.1"));
    }

    [Test]
    public async Task CreateRange_AlreadyAllowed_ThrowsConflict()
    {
        var client = NewClient();
        await client.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = Loopback }, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() =>
            client.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = Loopback }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task AccessList_CallerOutsideIt_EveryCallThrowsForbidden()
    {
        var client = NewClient();
        await client.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = "127.0.0.1/32" }, Ct);
        await Sim.Control.SetCallerIpAsync("198.51.100.20");

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.ListAllTeamsAsync(null, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(e.AstroMessage, Does.Contain("198.51.100.20"));
    }

    [Test]
    public async Task UpdateOrganization_Settings_AnsweredAndReadBack()
    {
        await Sim.Control.SetLogBodiesAsync(true);
        var client = NewClient();

        var updated = await client.UpdateOrganizationAsync(new UpdateOrganizationRequest
        {
            Name = "Acme Data", BillingEmail = "finance@acme.example", IsScimEnabled = true, ShouldEnforceDedicatedClusters = true,
        }, Ct);
        var read = await client.GetOrganizationAsync(false, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("Acme Data"));
            Assert.That(read.Name, Is.EqualTo("Acme Data"));
            Assert.That(read.BillingEmail, Is.EqualTo("finance@acme.example"));
            Assert.That(read.IsScimEnabled, Is.True);
            Assert.That(read.ShouldEnforceDedicatedClusters, Is.True);
            Assert.That(read.AllowEnhancedSupportAccess, Is.False);
        });
        var sent = (await RequestsAsync("POST", Sim.OrganizationId, atLeast: 1)).Single();
        Assert.That(sent.RequestBody, Is.EqualTo("""{"name":"Acme Data","billingEmail":"finance@acme.example","isScimEnabled":true,"shouldEnforceDedicatedClusters":true}"""));
    }

    [Test]
    public void UpdateOrganization_BadBillingEmail_ThrowsBadRequestNamingIt()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() => NewClient().UpdateOrganizationAsync(new UpdateOrganizationRequest
        {
            Name = "Acme", BillingEmail = "finance", IsScimEnabled = false,
        }, Ct))!;

        Assert.That(e.FieldErrors.Select(f => f.Field), Is.EqualTo(new[] { "billingEmail" }));
    }
}
