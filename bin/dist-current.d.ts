export declare const ROOT: string;
/** dist/ is there and no source it was built from is newer than its build (GONGKAI_FROM_SOURCE=1: false). */
export declare function distIsCurrent(root?: string): boolean;
