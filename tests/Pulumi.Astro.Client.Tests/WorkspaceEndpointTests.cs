using System.Net;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Workspace create, update and delete against astro-sim.</summary>
public sealed class WorkspaceEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateWorkspace_WithDefaults_RoundTripsAndListsFindIt()
    {
        var client = NewClient();

        var created = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest
        {
            Name = "data",
            Description = "the data team",
            CicdEnforcedDefault = true,
            DefaultCloudProvider = CloudProvider.Gcp,
            DefaultRegion = "us-central1",
        }, Ct);
        var read = await client.GetWorkspaceAsync(created.Id, Ct);
        var listed = await client.ListAllWorkspacesAsync(new ListWorkspacesQuery { Names = ["data"] }, Ct);

        Assert.That(read.Name, Is.EqualTo("data"));
        Assert.That(read.Description, Is.EqualTo("the data team"));
        Assert.That(read.CicdEnforcedDefault, Is.True);
        Assert.That(read.DefaultCloudProvider, Is.EqualTo(CloudProvider.Gcp));
        Assert.That(read.DefaultRegion, Is.EqualTo("us-central1"));
        Assert.That(read.CreatedBy!.SubjectType, Is.EqualTo(SubjectType.ServiceKey));
        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { created.Id }));
    }

    [Test]
    public async Task UpdateWorkspace_WithoutDefaults_ReplacesSettingsAndClearsThem()
    {
        var client = NewClient();
        var created = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = "a", DefaultCloudProvider = CloudProvider.Aws, DefaultRegion = "us-east-1" }, Ct);

        var updated = await client.UpdateWorkspaceAsync(created.Id, new UpdateWorkspaceRequest { Name = "b", Description = "", CicdEnforcedDefault = true }, Ct);

        Assert.That(updated.Name, Is.EqualTo("b"));
        Assert.That(updated.CicdEnforcedDefault, Is.True);
        Assert.That(updated.DefaultCloudProvider, Is.Null);
        Assert.That((await client.GetWorkspaceAsync(created.Id, Ct)).DefaultRegion, Is.Null);
    }

    [Test]
    public void CreateWorkspace_ProviderWithoutRegion_ThrowsNamingTheField()
    {
        var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateWorkspaceAsync(
            new CreateWorkspaceRequest { Name = "a", DefaultCloudProvider = CloudProvider.Aws }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("defaultRegion", "required") }));
    }

    [Test]
    public async Task DeleteWorkspace_WithADeployment_Throws400SayingSoThenDeletesOnceEmpty()
    {
        var client = NewClient();
        var ws = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = "busy" }, Ct);
        var dep = await client.CreateDeploymentAsync(TestData.StandardDeployment(ws.Id, "in-it"), Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.DeleteWorkspaceAsync(ws.Id, Ct))!;
        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.AstroMessage, Does.Contain("still has 1 Deployment").And.Contain(dep.Id));
        Assert.That(e.FieldErrors, Is.Empty);

        await client.DeleteDeploymentAsync(dep.Id, Ct);
        await client.DeleteWorkspaceAsync(ws.Id, Ct);
        var gone = Assert.ThrowsAsync<AstroApiException>(() => client.GetWorkspaceAsync(ws.Id, Ct))!;
        Assert.That(gone.IsNotFound, Is.True);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.DeleteWorkspaceAsync(ws.Id, Ct))!.IsNotFound, Is.True);
    }
}
