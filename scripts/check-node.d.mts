/** The message for a Node.js version ("20.20.2") too old for sdsf, or undefined when it is recent enough. */
export declare function tooOld(version: string): string | undefined
