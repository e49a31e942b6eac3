using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Deploy's property table: schema, checks, diff and marshalling all read it (API fact sheet §4.7, §5.6).</summary>
public sealed partial class Deploy
{
    // BUNDLE is left out on purpose: create accepts it, but a deploy's response type has no BUNDLE (§5.6, §11 item 6),
    // so a BUNDLE deploy could not be read back or imported with the type it was created with.
    public static readonly EnumType DeployTypeEnum = P.EnumOf("astro:index:DeployType", "What a deploy ships (API fact sheet §5.6).",
        ("DAG_ONLY", "Only the DAG files: a gzip tarball uploaded to Astro's DAG storage."),
        ("IMAGE_ONLY", "Only a new Airflow image: the image your CI pushed under `imageTag`, tagged as Astro assigns."),
        ("IMAGE_AND_DAG", "A new image (`imageTag`) and the DAG files (`dagsPath`) together."));

    public static readonly EnumType GitProviderEnum = P.EnumOf("astro:index:GitProvider", "Where the deployed commit lives.",
        ("GITHUB", "GitHub: account and repo are required, remoteUrl must be empty."),
        ("GENERIC", "Any other git host: remoteUrl is required, account and repo must be empty."));

    public static readonly ObjectType GitType = new("astro:index:DeployGit",
        "Git metadata recorded with a deploy (CreateDeployGitRequest). GITHUB needs account and repo; GENERIC needs remoteUrl.",
    [
        P.Enum("provider", GitProviderEnum, "GITHUB or GENERIC.").Req(),
        P.Str("commitSha", "The deployed commit.").Req(),
        P.Str("account", "The GitHub account or organization; required for GITHUB, not allowed for GENERIC."),
        P.Str("repo", "The GitHub repository; required for GITHUB, not allowed for GENERIC."),
        P.Str("remoteUrl", "The repository's remote URL; required for GENERIC, not allowed for GITHUB."),
        P.Str("branch", "The branch."),
        P.Str("path", "The path of the Astro project in the repository."),
        P.Str("commitUrl", "A URL of the commit."),
        P.Str("authorName", "The commit author's name."),
        P.Str("authorUsername", "The commit author's user name."),
        P.Str("authorUrl", "A URL of the commit author."),
        P.Str("beforeCommitSha", "The commit deployed before this one."),
    ]);

    public static readonly ObjectType BundleType = new("astro:index:DeployBundle", "A bundle of a deploy (§5.6).",
    [
        P.Str("bundleType", "The bundle type, e.g. `dbt`.").Req(),
        P.Str("deployId", "The deploy the bundle belongs to.").Req(),
        P.Str("mountPath", "Where the bundle is mounted.").Req(),
        P.Str("currentVersion", "The bundle version in use."),
        P.Str("desiredVersion", "The bundle version being rolled out."),
    ]);

    /// <summary>What the tarball leaves out; the property docs and <see cref="DagTarball"/> share it.</summary>
    public const string ExclusionsDoc =
        "`__pycache__` and `.git` folders and `.pyc` files are left out; a symbolic link to a file inside the folder is packed as that file, " +
        "and one to a folder inside it is skipped";

    public static readonly Prop DeploymentId = P.Str("deploymentId",
        "The Deployment to deploy to. DAG_ONLY and IMAGE_AND_DAG need its DAG deploys enabled (`isDagDeployEnabled`).").Req().Replaces();
    public static readonly Prop TypeProp = P.Enum("type", DeployTypeEnum,
        "What to ship: DAG_ONLY (`dagsPath`), IMAGE_ONLY (`imageTag`) or IMAGE_AND_DAG (both). Defaults to DAG_ONLY. " +
        "Changing it ships a new deploy.").Def("DAG_ONLY").Replaces();
    public static readonly Prop ImageTag = P.Str("imageTag",
        "For IMAGE_ONLY and IMAGE_AND_DAG (required there, not allowed for DAG_ONLY): the tag under which your CI pushed the image to " +
        "the Deployment's `imageRepository` (e.g. the git commit sha), logged in to the registry as user `cli` with the API token as " +
        "the password. Astro assigns every deploy its own tag (`deployedImageTag`, §5.6), so create checks that this tag exists " +
        "(before creating anything), creates the deploy, and tags the same image manifest as `deployedImageTag` in the registry " +
        "(the layers are already there, so nothing is uploaded) before it finalizes. Changing it ships a new deploy.").Replaces();
    public static readonly Prop Description = P.Str("description", "A description of the deploy, at most 500 characters. It is the only field that changes in place.");
    public static readonly Prop Git = P.Obj("git", GitType, "Git metadata of the deployed code. Changing it ships a new deploy.").Replaces();
    public static readonly Prop DagsPath = P.Str("dagsPath",
        "The local folder of DAG files to ship; required for DAG_ONLY and IMAGE_AND_DAG, not allowed for IMAGE_ONLY (an image-only " +
        "deploy leaves the Deployment's DAGs as they are). A relative path is resolved against the working directory of " +
        "the Pulumi program (the project folder; the engine runs the plugin there). The folder is packed into a deterministic gzip " +
        "tarball with every entry under `dags/`, sorted, with fixed times, modes and owners, so the same files always give the same " +
        $"bytes and the same `contentHash`; {ExclusionsDoc}. Moving the folder without changing its files ships nothing. The check refuses a " +
        "symbolic link that leaves the folder or leads nowhere, and a named pipe, socket or device (never opened), and it reads the folder " +
        $"with limits: {DagLimits.Doc}.");
    public static readonly Prop WaitForDeployment = P.Bool("waitForDeployment",
        "Whether create waits until the deploy is DEPLOYED and the Deployment is HEALTHY (or HIBERNATING) running this deploy's DAG " +
        "tarball version and, for image deploys, its image tag. Defaults to true.").Def(true);
    public static readonly Prop RollbackOnFailure = P.Bool("rollbackOnFailure",
        "Whether a deploy that FAILED or timed out after it was finalized rolls the Deployment back to the deploy before it. Defaults to false.").Def(false);

    // Computed outputs (§5.6). contentHash is computed by Check from dagsPath and kept with the checked inputs, so a
    // preview shows a changed DAG folder as a replacement before anything ships.
    public static readonly Prop ContentHash = P.Str("contentHash",
        "`sha256:` and the hex SHA-256 of the uncompressed DAG tar (not of the gzip, so a different compressor never looks like a change). " +
        "Computed from dagsPath at every check; when it changes, a new deploy ships. Unknown after an import until the program sets dagsPath.").FromCheck();
    public static readonly Prop DeployId = P.Str("deployId", "Astro's id of the deploy. The resource id is `<deploymentId>/<deployId>`.").Out().Always();
    public static readonly Prop Status = P.Str("status", "INITIALIZED, DEPLOYED or FAILED (§7.3).").Out().Always();
    public static readonly Prop DagTarballVersion = P.Str("dagTarballVersion", "The uploaded DAG tarball's blob version id.").Out();
    public static readonly Prop ImageRepository = P.Str("imageRepository", "The Deployment's image repository.").Out().Always();
    public static readonly Prop DeployedImageTag = P.Str("deployedImageTag",
        "The image tag Astro assigned to the deploy (§5.6). For an image deploy, the image pushed under `imageTag` carries this tag too, " +
        "and the Deployment's `imageTag` becomes it once the deploy is live.").Out().Always();
    public static readonly Prop IsDagDeployEnabled = P.Bool("isDagDeployEnabled", "Whether the Deployment had DAG deploys on.").Out().Always();
    public static readonly Prop Bundles = P.ObjList("bundles", BundleType, "The deploy's bundles, if any.").Out();
    public static readonly Prop RollbackFromId = P.Str("rollbackFromId", "On a deploy made by a rollback: the deploy it rolled back from.").Out();
    public static readonly Prop AirflowVersion = P.Str("airflowVersion", "The Airflow version of the deploy.").Out();
    public static readonly Prop AstroRuntimeVersion = P.Str("astroRuntimeVersion", "The Astro Runtime version of the deploy.").Out();
    public static readonly Prop CreatedAt = P.Str("createdAt", "When the deploy was created (RFC 3339).").Out().Always();
    public static readonly Prop UpdatedAt = P.Str("updatedAt", "When the deploy was last changed (RFC 3339).").Out();

    public static readonly ResourceType Schema = new("astro:index:Deploy",
        "A code deploy to an Astro Deployment: ships a local folder of DAGs (DAG_ONLY), an image your CI pushed to the Deployment's " +
        "registry (IMAGE_ONLY, `imageTag`), or both (IMAGE_AND_DAG), and by default waits until the Deployment runs it. " +
        "Editing a file under `dagsPath` changes `contentHash`, which ships a new deploy on the next `pulumi up`; so does a new `imageTag`. Deploys are history: " +
        "deleting (or replacing) this resource removes it from the Pulumi state only, and Astro keeps the deploy. A deploy that FAILED is " +
        "kept in state with its id and shipped again on the next update. Import with `<deploymentId>/<deployId>`; Astro cannot say which " +
        "folder or CI tag a deploy came from, so after an import the program's `dagsPath` and `imageTag` are adopted in place (with a warning) rather than shipped.",
    [
        DeploymentId, TypeProp, Description, Git, DagsPath, ImageTag, WaitForDeployment, RollbackOnFailure,
        ContentHash, DeployId, Status, DagTarballVersion, ImageRepository, DeployedImageTag, IsDagDeployEnabled, Bundles, RollbackFromId,
        AirflowVersion, AstroRuntimeVersion, CreatedAt, UpdatedAt,
    ]);

    public override ResourceType Type => Schema;
}
