import { Drawer, type DrawerProps } from 'antd';

/**
 * The phone's menu drawer, loaded the first time it opens (AppLayout): antd's Drawer brings its panel and
 * skeleton, which no desktop screen and no closed phone menu needs.
 */
export default function NavDrawer(props: DrawerProps) {
  return <Drawer placement="left" size={260} styles={{ body: { padding: 0 } }} {...props} />;
}
