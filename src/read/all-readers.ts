// Every layout's reader, registered once (the Gunma evaluation sheet registers itself in
// plan-reader.ts). A new layout adds one import line here; hosts import gridsToPlan from this file.
export { gridsToPlan } from './plan-reader';
