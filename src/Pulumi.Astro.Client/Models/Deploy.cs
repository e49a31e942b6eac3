using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A deploy of code to a deployment (API fact sheet §5.6).</summary>
public sealed class Deploy
{
    /// <summary>The deploy id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The deployment id.</summary>
    [JsonProperty("deploymentId")] public string DeploymentId { get; init; } = "";

    /// <summary>IMAGE_AND_DAG, IMAGE_ONLY or DAG_ONLY.</summary>
    [JsonProperty("type")] public DeployType Type { get; init; }

    /// <summary>INITIALIZED, DEPLOYED or FAILED (§7.3).</summary>
    [JsonProperty("status")] public DeployStatus Status { get; init; }

    /// <summary>The repository to push the image to.</summary>
    [JsonProperty("imageRepository")] public string ImageRepository { get; init; } = "";

    /// <summary>The tag to push the image as.</summary>
    [JsonProperty("imageTag")] public string ImageTag { get; init; } = "";

    /// <summary>Whether the deployment had DAG deploys on.</summary>
    [JsonProperty("isDagDeployEnabled")] public bool IsDagDeployEnabled { get; init; }

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBySubject")] public BasicSubjectProfile? CreatedBySubject { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBySubject")] public BasicSubjectProfile? UpdatedBySubject { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>The pre-signed blob URL for the DAG tarball; only when DAG deploys are on. See <see cref="IAstroClient.UploadDagTarballAsync"/>.</summary>
    [JsonProperty("dagsUploadUrl")] public string? DagsUploadUrl { get; init; }

    /// <summary>The pre-signed blob URL for a bundle; only for BUNDLE deploys with DAG deploys on.</summary>
    [JsonProperty("bundleUploadUrl")] public string? BundleUploadUrl { get; init; }

    /// <summary>Where the bundle is mounted.</summary>
    [JsonProperty("bundleMountPath")] public string? BundleMountPath { get; init; }

    /// <summary>The bundles.</summary>
    [JsonProperty("bundles")] public IReadOnlyList<Bundle>? Bundles { get; init; }

    /// <summary>The DAG tarball's blob version id, e.g. <c>2024-01-12T18:32:20.5898930Z</c>; kept as an opaque string.</summary>
    [JsonProperty("dagTarballVersion")] public string? DagTarballVersion { get; init; }

    /// <summary>The Airflow version.</summary>
    [JsonProperty("airflowVersion")] public string? AirflowVersion { get; init; }

    /// <summary>The Astro Runtime version.</summary>
    [JsonProperty("astroRuntimeVersion")] public string? AstroRuntimeVersion { get; init; }

    /// <summary>Git metadata.</summary>
    [JsonProperty("git")] public DeployGit? Git { get; init; }

    /// <summary>The deploy this one rolled back from.</summary>
    [JsonProperty("rollbackFromId")] public string? RollbackFromId { get; init; }
}

/// <summary>Git metadata of a deploy (§5.6, DeployGit).</summary>
public sealed class DeployGit
{
    /// <summary>GITHUB or GENERIC.</summary>
    [JsonProperty("provider")] public GitProvider Provider { get; init; }

    /// <summary>The commit.</summary>
    [JsonProperty("commitSha")] public string CommitSha { get; init; } = "";

    /// <summary>The account (GitHub).</summary>
    [JsonProperty("account")] public string? Account { get; init; }

    /// <summary>The repository (GitHub).</summary>
    [JsonProperty("repo")] public string? Repo { get; init; }

    /// <summary>The remote URL (generic).</summary>
    [JsonProperty("remoteUrl")] public string? RemoteUrl { get; init; }

    /// <summary>The branch.</summary>
    [JsonProperty("branch")] public string? Branch { get; init; }

    /// <summary>The path in the repository.</summary>
    [JsonProperty("path")] public string? Path { get; init; }

    /// <summary>The commit URL.</summary>
    [JsonProperty("commitUrl")] public string? CommitUrl { get; init; }

    /// <summary>The author's name.</summary>
    [JsonProperty("authorName")] public string? AuthorName { get; init; }

    /// <summary>The author's user name.</summary>
    [JsonProperty("authorUsername")] public string? AuthorUsername { get; init; }

    /// <summary>The author's URL.</summary>
    [JsonProperty("authorUrl")] public string? AuthorUrl { get; init; }

    /// <summary>The previous commit.</summary>
    [JsonProperty("beforeCommitSha")] public string? BeforeCommitSha { get; init; }
}

/// <summary>A bundle of a deploy (§5.6).</summary>
public sealed class Bundle
{
    /// <summary>The bundle type, e.g. <c>dbt</c>.</summary>
    [JsonProperty("bundleType")] public string BundleType { get; init; } = "";

    /// <summary>The deploy id.</summary>
    [JsonProperty("deployId")] public string DeployId { get; init; } = "";

    /// <summary>Where it is mounted.</summary>
    [JsonProperty("mountPath")] public string MountPath { get; init; } = "";

    /// <summary>The version in use.</summary>
    [JsonProperty("currentVersion")] public string? CurrentVersion { get; init; }

    /// <summary>The version being rolled out.</summary>
    [JsonProperty("desiredVersion")] public string? DesiredVersion { get; init; }
}

/// <summary>One page of deploys (§1.3).</summary>
public sealed class DeploysPaginated : IPage<Deploy>
{
    /// <summary>The deploys on this page.</summary>
    [JsonProperty("deploys")] public IReadOnlyList<Deploy> Deploys { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many deploys there are in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<Deploy> IPage<Deploy>.Items => Deploys;
}

/// <summary>Paging of <see cref="IAstroClient.ListDeploysAsync"/>; deploys have no filters and no sorts (§1.3).</summary>
public sealed class ListDeploysQuery : PageQuery;

/// <summary>The body of a deploy create (§4.7).</summary>
public sealed class CreateDeployRequest
{
    /// <summary>IMAGE_AND_DAG, IMAGE_ONLY, DAG_ONLY or BUNDLE. DAG_ONLY needs DAG deploys enabled.</summary>
    [JsonProperty("type")] public required DeployType Type { get; init; }

    /// <summary>A description of up to 500 characters.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Git metadata.</summary>
    [JsonProperty("git")] public CreateDeployGitRequest? Git { get; init; }

    /// <summary>Where to mount the bundle; required for BUNDLE.</summary>
    [JsonProperty("bundleMountPath")] public string? BundleMountPath { get; init; }

    /// <summary>The bundle type, free text such as <c>dbt</c>; required for BUNDLE.</summary>
    [JsonProperty("bundleType")] public string? BundleType { get; init; }
}

/// <summary>Git metadata of a deploy create (§4.7, CreateDeployGitRequest).</summary>
public sealed class CreateDeployGitRequest
{
    /// <summary>GITHUB or GENERIC.</summary>
    [JsonProperty("provider")] public required GitProvider Provider { get; init; }

    /// <summary>The commit.</summary>
    [JsonProperty("commitSha")] public required string CommitSha { get; init; }

    /// <summary>The account; required for GITHUB, empty for GENERIC.</summary>
    [JsonProperty("account")] public string? Account { get; init; }

    /// <summary>The repository; required for GITHUB, empty for GENERIC.</summary>
    [JsonProperty("repo")] public string? Repo { get; init; }

    /// <summary>The remote URL; required for GENERIC, empty for GITHUB.</summary>
    [JsonProperty("remoteUrl")] public string? RemoteUrl { get; init; }

    /// <summary>The branch.</summary>
    [JsonProperty("branch")] public string? Branch { get; init; }

    /// <summary>The path in the repository.</summary>
    [JsonProperty("path")] public string? Path { get; init; }

    /// <summary>The commit URL.</summary>
    [JsonProperty("commitUrl")] public string? CommitUrl { get; init; }

    /// <summary>The author's name.</summary>
    [JsonProperty("authorName")] public string? AuthorName { get; init; }

    /// <summary>The author's user name.</summary>
    [JsonProperty("authorUsername")] public string? AuthorUsername { get; init; }

    /// <summary>The author's URL.</summary>
    [JsonProperty("authorUrl")] public string? AuthorUrl { get; init; }

    /// <summary>The previous commit.</summary>
    [JsonProperty("beforeCommitSha")] public string? BeforeCommitSha { get; init; }
}

/// <summary>The body of a deploy update (§4.7): only the description can change.</summary>
public sealed class UpdateDeployRequest
{
    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}

/// <summary>The body of a deploy finalize (§4.7, §7.4).</summary>
public sealed class FinalizeDeployRequest
{
    /// <summary>
    /// The version id <see cref="IAstroClient.UploadDagTarballAsync"/> returned; required for DAG deploys when DAG
    /// deploys are enabled. The CLI sends <c>""</c> for image-only deploys in that case.
    /// </summary>
    [JsonProperty("dagTarballVersion")] public string? DagTarballVersion { get; init; }

    /// <summary>The bundle's version id, for BUNDLE deploys.</summary>
    [JsonProperty("bundleTarballVersion")] public string? BundleTarballVersion { get; init; }
}

/// <summary>The body of a deploy rollback (§4.7).</summary>
public sealed class DeployRollbackRequest
{
    /// <summary>The description of the rollback deploy.</summary>
    [JsonProperty("description")] public string? Description { get; init; }
}
