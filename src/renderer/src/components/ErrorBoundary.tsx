import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  body: string;
  reload: string;
  children: ReactNode;
}

/** A render error shows a plain message and a way out, never a blank screen or a stack trace. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error) {
    console.error('render error', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" title={this.props.title} m="xl" role="alert">
        <Stack>
          <Text>{this.props.body}</Text>
          <Button onClick={() => window.location.reload()} w="fit-content">
            {this.props.reload}
          </Button>
        </Stack>
      </Alert>
    );
  }
}
