// The Fluent UI web components the pane uses (Fluent 2 look, keyboard and screen-reader support built
// in), registered once, with the web light theme's design tokens as CSS variables. Only these
// components end up in the first bundle (about 45 KB gzipped with FAST); see README "Excel add-in".
import {
  Button,
  ButtonDefinition,
  Checkbox,
  CheckboxDefinition,
  Field,
  FieldDefinition,
  MessageBar,
  MessageBarDefinition,
  ProgressBar,
  ProgressBarDefinition,
  Tab,
  TabDefinition,
  Tablist,
  TablistDefinition,
  TextInput,
  TextInputDefinition,
  setTheme,
} from '@fluentui/web-components';
import { webLightTheme } from '@fluentui/tokens';

export function registerFluent(): void {
  setTheme(webLightTheme);
  Button.define(ButtonDefinition);
  Checkbox.define(CheckboxDefinition);
  Field.define(FieldDefinition);
  MessageBar.define(MessageBarDefinition);
  ProgressBar.define(ProgressBarDefinition);
  Tab.define(TabDefinition);
  Tablist.define(TablistDefinition);
  TextInput.define(TextInputDefinition);
}
