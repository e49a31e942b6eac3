using System.Net;
using Newtonsoft.Json.Linq;
using static Pulumi.Astro.Client.Tests.EnvironmentTestData;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Environment object endpoints against astro-sim: typed requests out, typed answers in, secrets never read back.</summary>
public sealed class EnvironmentObjectEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateEnvironmentObject_Connection_ReadBackWithoutThePassword()
    {
        var client = NewClient();

        var created = await client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId), Ct);
        var read = await client.GetEnvironmentObjectAsync(created.Id, Ct);

        Assert.That(created.Id, Is.Not.Empty);
        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.ObjectType, Is.EqualTo(EnvironmentObjectType.Connection));
        Assert.That(read.Scope, Is.EqualTo(EnvironmentObjectScope.Workspace));
        Assert.That(read.Connection!.Type, Is.EqualTo("postgres"));
        Assert.That(read.Connection.Port, Is.EqualTo(5432));
        Assert.That(read.Connection.Extra, Is.EqualTo(new JObject { ["sslmode"] = "require" }));
        Assert.That(read.Connection.Password, Is.Null);
        Assert.That(read.SetFields, Does.Contain("password").And.Contain("extra.sslmode"));
        Assert.That(read.AirflowVariable, Is.Null);
    }

    [Test]
    public async Task CreateEnvironmentObject_SecretVariableAndMetrics_SecretsAbsentMapsRead()
    {
        var client = NewClient();

        var variable = await client.GetEnvironmentObjectAsync((await client.CreateEnvironmentObjectAsync(SecretVariable(Sim.WorkspaceId), Ct)).Id, Ct);
        var metrics = await client.GetEnvironmentObjectAsync((await client.CreateEnvironmentObjectAsync(Metrics(Sim.WorkspaceId), Ct)).Id, Ct);

        Assert.That(variable.EnvironmentVariable!.IsSecret, Is.True);
        Assert.That(variable.EnvironmentVariable.Value, Is.Empty);
        Assert.That(variable.SetFields, Does.Contain("value"));
        Assert.That(metrics.MetricsExport!.Endpoint, Is.EqualTo("https://prometheus.example.com/api/v1/write"));
        Assert.That(metrics.MetricsExport.ExporterType, Is.EqualTo(MetricsExporterType.Prometheus));
        Assert.That(metrics.MetricsExport.Headers, Is.EquivalentTo(new Dictionary<string, string> { ["X-Scope-OrgID"] = "tenant-1" }));
        Assert.That(metrics.MetricsExport.Labels!["team"], Is.EqualTo("data"));
        Assert.That(metrics.MetricsExport.BasicToken, Is.Null);
        Assert.That(metrics.AutoLinkDeployments, Is.True);
    }

    [Test]
    public async Task UpdateEnvironmentObject_LinkOverridesAndUnsetFields_RoundTrip()
    {
        var client = NewClient();
        var dep = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "linked"), Ct);
        var created = await client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId, links:
        [
            new CreateEnvironmentObjectLinkRequest
            {
                ScopeEntityId = dep.Id,
                Overrides = new CreateEnvironmentObjectOverridesRequest
                {
                    Connection = new EnvironmentObjectConnectionOverridesRequest { Host = "staging.example.com", Password = "override-pw" },
                },
            },
        ]), Ct);

        var updated = await client.UpdateEnvironmentObjectAsync(created.Id, new UpdateEnvironmentObjectRequest
        {
            Description = "changed",
            Connection = new EnvironmentObjectConnectionRequest { Type = "postgres", Schema = "reporting" },
            Links =
            [
                new UpdateEnvironmentObjectLinkRequest
                {
                    ScopeEntityId = dep.Id,
                    Overrides = new UpdateEnvironmentObjectOverridesRequest { UnsetFields = ["password"] },
                },
            ],
        }, Ct);

        Assert.That(updated.Description, Is.EqualTo("changed"));
        Assert.That(updated.Connection!.Schema, Is.EqualTo("reporting"));
        Assert.That(updated.Connection.Host, Is.EqualTo("warehouse.example.com"), "a field the update leaves out is kept");
        var link = updated.Links!.Single();
        Assert.That(link.ScopeEntityId, Is.EqualTo(dep.Id));
        Assert.That(link.Scope, Is.EqualTo(EnvironmentObjectScope.Deployment));
        Assert.That(link.ConnectionOverrides!.Host, Is.EqualTo("staging.example.com"));
        Assert.That(link.SetFields, Is.EqualTo(new[] { "host" }));
    }

    [Test]
    public async Task ExcludeEnvironmentObjectLink_AutoLinkedObject_ExclusionReadBackAndResolvedListDropsIt()
    {
        var client = NewClient();
        var dep = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "excluded"), Ct);
        var created = await client.CreateEnvironmentObjectAsync(Metrics(Sim.WorkspaceId), Ct);
        var resolved = new ListEnvironmentObjectsQuery { DeploymentId = dep.Id, ResolveLinked = true };
        var before = await client.ListAllEnvironmentObjectsAsync(resolved, Ct);

        await client.ExcludeEnvironmentObjectLinkAsync(created.Id, new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = dep.Id }, Ct);

        Assert.That(before.Single().SourceScope, Is.EqualTo(EnvironmentObjectScope.Workspace));
        Assert.That(before.Single().Id, Is.Null, "a resolved object has no id");
        Assert.That((await client.GetEnvironmentObjectAsync(created.Id, Ct)).ExcludeLinks!.Single().ScopeEntityId, Is.EqualTo(dep.Id));
        Assert.That(await client.ListAllEnvironmentObjectsAsync(resolved, Ct), Is.Empty);
    }

    [Test]
    public async Task ListAllEnvironmentObjects_SmallPages_WalksEveryPageWithTheFilters()
    {
        var client = NewClient();
        foreach (var key in new[] { "c", "a", "b" }) await client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId, key), Ct);
        await client.CreateEnvironmentObjectAsync(SecretVariable(Sim.WorkspaceId), Ct);

        var all = await client.ListAllEnvironmentObjectsAsync(new ListEnvironmentObjectsQuery
        {
            Limit = 1, WorkspaceId = Sim.WorkspaceId, ObjectType = EnvironmentObjectType.Connection, Sorts = ["objectKey:asc"], ResolveLinked = false,
        }, Ct);
        var page = await client.ListEnvironmentObjectsAsync(new ListEnvironmentObjectsQuery { ObjectKey = "API_KEY" }, Ct);

        Assert.That(all.Select(o => o.ObjectKey), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(page.TotalCount, Is.EqualTo(1));
        var sent = await RequestsAsync("GET", "/environment-objects", atLeast: 4);
        Assert.That(sent.Take(3).Select(r => r.Query), Is.All.Contains("objectType=CONNECTION").And.All.Contains("resolveLinked=false").And.All.Contains("limit=1"));
    }

    [Test]
    public void ListEnvironmentObjects_ShowSecrets_Throws403FromTheOrganizationPolicy()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() => NewClient().ListEnvironmentObjectsAsync(new ListEnvironmentObjectsQuery { ShowSecrets = true }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(e.AstroMessage, Does.Contain("showSecrets"));
    }

    [Test]
    public async Task DeleteEnvironmentObject_ThenGet_IsNotFound()
    {
        var client = NewClient();
        var created = await client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId), Ct);

        await client.DeleteEnvironmentObjectAsync(created.Id, Ct);

        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.GetEnvironmentObjectAsync(created.Id, Ct))!.IsNotFound, Is.True);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.DeleteEnvironmentObjectAsync(created.Id, Ct))!.IsNotFound, Is.True);
    }

    [Test]
    public async Task CreateEnvironmentObject_SameKeyTwice_Throws409()
    {
        var client = NewClient();
        await client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId), Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId), Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task CreateEnvironmentObject_AnswerLost_OutcomeUnknownNotRetriedAndTheObjectExists()
    {
        var client = NewClient();
        await Sim.Control.AddFaultAsync(new Testing.SimFault { Method = "POST", PathPattern = "/environment-objects$", Status = 502, AfterHandling = true });

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateEnvironmentObjectAsync(Connection(Sim.WorkspaceId), Ct))!;

        Assert.That(e.ToString(), Does.Not.Contain(Password));
        Assert.That(await RequestsAsync("POST", "/environment-objects", atLeast: 1), Has.Count.EqualTo(1), "a create is not re-sent");
        Assert.That((await client.ListEnvironmentObjectsAsync(null, Ct)).TotalCount, Is.EqualTo(1));
    }
}
