/** An umbrella chart's dependencies as its package holds them (helm dependency list's statuses). */
export interface PackageDependency {
  name: string;
  version: string;
  repository: string;
  /** helm's: ok, missing, wrong version, misnamed, corrupt, unpacked, … */
  status: string;
  /** The catalog holds a version of that chart (it is taken from there first, with no network). */
  inCatalog: boolean;
}

export interface PackageDependencies {
  dependencies: PackageDependency[];
  /** How many are not `ok`/`unpacked`: a build fills them in. */
  missing: number;
}

export interface BuiltPackage {
  fileName: string;
  packageBase64: string;
  dependencies: PackageDependency[];
}
